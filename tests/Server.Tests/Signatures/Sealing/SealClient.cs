using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Signatures.Sealing;

/// <summary>Calls of the signature service's API, and the files OpenSSL verifies its output from.</summary>
internal static class SealClient
{
    /// <summary>A department name nobody has used.</summary>
    public static string NewDepartment() => $"dept-{Guid.NewGuid():n}"[..17];

    /// <summary>Makes the seal of <paramref name="department"/> as the administrator; returns the seal.</summary>
    public static async Task<JsonElement> CreateSealAsync(PlatformServer server, string department, string? algorithm = null)
    {
        using var admin = server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/signatures/seals", new { department, algorithm });
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Asks for a seal signature.</summary>
    public static Task<HttpResponseMessage> SignAsync(HttpClient client, byte[] content, string seal, string level = "B-B", bool detached = false) =>
        client.PostAsJsonAsync("/signatures/sign", new { content = Convert.ToBase64String(content), detached, level, seal });

    /// <summary>The JSON body of <paramref name="response"/>, asserting its status.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The signature of an answer to a sign request (DER).</summary>
    public static byte[] Signature(JsonElement answer) => Convert.FromBase64String(answer.GetProperty("signature").GetString()!);

    /// <summary>The platform's root certificate, as a PEM file in <paramref name="directory"/>.</summary>
    public static async Task<string> RootFileAsync(JsonElement seal, string directory)
    {
        var path = Path.Combine(directory, "root.pem");
        await File.WriteAllTextAsync(path, seal.GetProperty("chain").EnumerateArray().Last().GetString());
        return path;
    }

    /// <summary>
    /// Runs <c>openssl cms -verify -cades -binary</c> over <paramref name="signature"/> against <paramref name="rootFile"/>
    /// (with <c>-content</c> when detached); returns the content it verified.
    /// </summary>
    public static async Task<byte[]> OpenSslVerifyAsync(byte[] signature, string rootFile, byte[]? detachedContent, string directory)
    {
        var name = Guid.NewGuid().ToString("n");
        var input = Path.Combine(directory, name + ".p7s");
        var output = Path.Combine(directory, name + ".out");
        await File.WriteAllBytesAsync(input, signature);
        List<string> arguments = ["cms", "-verify", "-cades", "-binary", "-inform", "DER", "-in", input, "-CAfile", rootFile, "-purpose", "any", "-out", output];
        if (detachedContent is not null)
        {
            var content = Path.Combine(directory, name + ".txt");
            await File.WriteAllBytesAsync(content, detachedContent);
            arguments.AddRange(["-content", content]);
        }

        await OpenSsl.OutputAsync([.. arguments]);
        return await File.ReadAllBytesAsync(output);
    }
}
