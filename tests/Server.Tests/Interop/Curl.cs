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
    public static async Task<CurlAnswer> PostJsonAsync(string url, string? rootFile, string json, string workDirectory, string? certificateFile = null, string? keyFile = null)
    {
        var bodyFile = Path.Combine(workDirectory, "answer-" + Guid.NewGuid().ToString("n"));
        List<string> arguments =
        [
            "--silent", "--show-error", .. rootFile is null ? new[] { "--insecure" } : ["--cacert", rootFile], "--output", bodyFile,
            "--write-out", "%{http_code}\n%{content_type}",
            "--header", "Content-Type: application/json", "--data-binary", "@-",
        ];
        if (certificateFile is not null && keyFile is not null)
        {
            arguments.AddRange(["--cert", certificateFile, "--key", keyFile]);
        }

        arguments.Add(url);
        var result = await ExternalTool.RunAsync(ExternalTool.Require("curl"), arguments, standardInput: System.Text.Encoding.UTF8.GetBytes(json));
        Assert.True(result.ExitCode == 0, "curl " + string.Join(' ', arguments) + "\n" + result);
        var lines = result.Output.Split('\n');
        return new CurlAnswer(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines.Length > 1 ? lines[1] : "",
            await File.ReadAllTextAsync(bodyFile));
    }

    /// <summary>GETs <paramref name="url"/>, trusting only <paramref name="rootFile"/>, presenting the client certificate when given.</summary>
    public static async Task<CurlAnswer> GetAsync(string url, string rootFile, string workDirectory, string? certificateFile = null, string? keyFile = null)
    {
        var bodyFile = Path.Combine(workDirectory, "answer-" + Guid.NewGuid().ToString("n"));
        List<string> arguments = ["--silent", "--show-error", "--cacert", rootFile, "--output", bodyFile, "--write-out", "%{http_code}\n%{content_type}"];
        if (certificateFile is not null && keyFile is not null)
        {
            arguments.AddRange(["--cert", certificateFile, "--key", keyFile]);
        }

        arguments.Add(url);
        var result = await ExternalTool.RunAsync(ExternalTool.Require("curl"), arguments);
        Assert.True(result.ExitCode == 0, "curl " + string.Join(' ', arguments) + "\n" + result);
        var lines = result.Output.Split('\n');
        return new CurlAnswer(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines.Length > 1 ? lines[1] : "",
            await File.ReadAllTextAsync(bodyFile));
    }
}
