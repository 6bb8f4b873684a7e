using TestSupport;

namespace Server.Tests.Interop;

/// <summary>curl against the platform's HTTPS listener, trusting only the platform's root.</summary>
public static class Curl
{
    /// <summary>
    /// POSTs <paramref name="json"/> to <paramref name="url"/>, presenting <paramref name="certificateFile"/>
    /// and <paramref name="keyFile"/> as client certificate when given, and trusting only
    /// <paramref name="rootFile"/>; without it the server is not authenticated at all.
    /// </summary>
    public static Task<CurlAnswer> PostJsonAsync(string url, string? rootFile, string json, string workDirectory, string? certificateFile = null, string? keyFile = null) =>
        RunAsync(url, rootFile, workDirectory, certificateFile, keyFile, ["--header", "Content-Type: application/json", "--data-binary", "@-"],
            System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>GETs <paramref name="url"/>, trusting only <paramref name="rootFile"/>, presenting the client certificate when given.</summary>
    public static Task<CurlAnswer> GetAsync(string url, string rootFile, string workDirectory, string? certificateFile = null, string? keyFile = null) =>
        RunAsync(url, rootFile, workDirectory, certificateFile, keyFile, []);

    /// <summary>
    /// One request to <paramref name="url"/> with curl's own <paramref name="arguments"/> (method,
    /// headers, body, credentials), trusting only <paramref name="rootFile"/> (none: not
    /// authenticating the server), presenting the client certificate when given.
    /// </summary>
    public static async Task<CurlAnswer> RunAsync(
        string url, string? rootFile, string workDirectory, string? certificateFile, string? keyFile, IEnumerable<string> arguments, byte[]? standardInput = null)
    {
        var bodyFile = Path.Combine(workDirectory, "answer-" + Guid.NewGuid().ToString("n"));
        List<string> all =
        [
            "--silent", "--show-error", .. rootFile is null ? new[] { "--insecure" } : ["--cacert", rootFile], "--output", bodyFile,
            "--write-out", "%{http_code}\n%{content_type}", .. arguments,
        ];
        if (certificateFile is not null && keyFile is not null)
        {
            all.AddRange(["--cert", certificateFile, "--key", keyFile]);
        }

        all.Add(url);
        var result = await ExternalTool.RunAsync(ExternalTool.Require("curl"), all, standardInput: standardInput);
        Assert.True(result.ExitCode == 0, "curl " + string.Join(' ', all) + "\n" + result);
        var lines = result.Output.Split('\n');
        return new CurlAnswer(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines.Length > 1 ? lines[1] : "",
            await File.ReadAllTextAsync(bodyFile));
    }
}
