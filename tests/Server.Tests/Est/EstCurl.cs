using System.Security.Cryptography.X509Certificates;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Est;

/// <summary>The EST client side as RFC 7030's examples do it: openssl makes the base64 DER bodies and reads the answers, curl sends them.</summary>
internal static class EstCurl
{
    /// <summary>RFC 7030 §4.2.1's body: the CSR as DER, then base64; the file's path.</summary>
    public static async Task<string> CsrAsync(TemporaryDirectory work, string key, string subject, string? extension = null)
    {
        var der = Path.Combine(work.Path, $"est-{Guid.NewGuid():n}.der");
        var base64 = der + ".b64";
        await OpenSsl.OutputAsync([
            "req", "-new", "-key", key, "-subj", subject, "-outform", "DER", "-out", der, .. extension is null ? Array.Empty<string>() : ["-addext", extension]]);
        await OpenSsl.OutputAsync("base64", "-in", der, "-out", base64);
        return base64;
    }

    /// <summary>A new private key made by openssl (<c>EC</c> P-256, <c>EC-P384</c> or <c>RSA</c> 2048); the file's path.</summary>
    public static async Task<string> KeyAsync(TemporaryDirectory work, string algorithm = "EC")
    {
        var key = Path.Combine(work.Path, $"key-{Guid.NewGuid():n}.pem");
        await OpenSsl.OutputAsync(algorithm switch
        {
            "RSA" => ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key],
            "EC-P384" => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key],
            _ => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key],
        });
        return key;
    }

    /// <summary>A client certificate with its key as the PEM files curl presents.</summary>
    public static async Task<(string Certificate, string Key)> PemFilesAsync(TemporaryDirectory work, X509Certificate2 certificate)
    {
        var name = Path.Combine(work.Path, $"client-{Guid.NewGuid():n}");
        await File.WriteAllTextAsync(name + ".pem", certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey()!;
        await File.WriteAllTextAsync(name + ".key", key.ExportPkcs8PrivateKeyPem());
        return (name + ".pem", name + ".key");
    }

    /// <summary>A one-time enrollment secret of <paramref name="department"/> from one of its officers, as <c>id:secret</c> for curl's <c>--user</c>.</summary>
    public static async Task<string> SecretAsync(PlatformServer server, string department, string profile = "tls-server")
    {
        using var officer = server.HttpsClient(await Registration.RegistrationFixture.PersonAsync(server, department, "registration-officer"));
        using var handedOut = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(officer, $"/pki/departments/{department}/enrollment-secrets", new { profile });
        var body = await handedOut.Content.ReadAsStringAsync();
        Assert.True(handedOut.IsSuccessStatusCode, body);
        using var secret = System.Text.Json.JsonDocument.Parse(body);
        return $"{secret.RootElement.GetProperty("id").GetString()}:{secret.RootElement.GetProperty("secret").GetString()}";
    }

    /// <summary>The certificates of a certs-only answer, as <c>openssl pkcs7 -print_certs</c> prints them (PEM with subject lines).</summary>
    public static async Task<string> PrintCertsAsync(TemporaryDirectory work, string base64Body)
    {
        var encoded = Path.Combine(work.Path, $"answer-{Guid.NewGuid():n}.b64");
        var der = encoded + ".der";
        await File.WriteAllTextAsync(encoded, base64Body);
        await OpenSsl.OutputAsync("base64", "-d", "-in", encoded, "-out", der);
        return await OpenSsl.OutputAsync("pkcs7", "-inform", "DER", "-in", der, "-print_certs");
    }

    /// <summary>One EST request with curl: POST of <paramref name="bodyFile"/> when given, else GET.</summary>
    public static Task<CurlAnswer> RunAsync(
        PlatformServer server, TemporaryDirectory work, string path, string? bodyFile = null, string? certificate = null, string? key = null,
        string contentType = "application/pkcs10", string? basic = null, bool includeHeaders = false)
    {
        List<string> arguments = bodyFile is null ? [] : ["--header", $"Content-Type: {contentType}", "--data-binary", "@" + bodyFile];
        if (basic is not null)
        {
            arguments.AddRange(["--user", basic]);
        }

        if (includeHeaders)
        {
            arguments.Add("--include");
        }

        return Curl.RunAsync(new Uri(server.Https, path).ToString(), server.DataFile("ca-chain.pem"), work.Path, certificate, key, arguments);
    }
}
