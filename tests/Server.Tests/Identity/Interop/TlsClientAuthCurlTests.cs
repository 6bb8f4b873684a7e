using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// RFC 8705 with tools nobody here wrote: curl (OpenSSL's TLS) presents the certificate and asks for
/// the token, and openssl computes the certificate's SHA-256 the token must be bound to.
/// </summary>
public sealed class TlsClientAuthCurlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Curl_WithItsCertificate_GetsAToken_BoundToOpensslsThumbprintOfIt()
    {
        var curl = ExternalTool.Require("curl");
        var openssl = ExternalTool.Require("openssl");
        var server = fixture.Server;
        using var certificate = await CertificateClients.IssueAsync(server, "CN=exchange-hub,O=Data Exchange Office");
        var clientId = await CertificateClients.RegisterAsync(server, certificate, "tlsClientAuthSubjectDn", "CN=exchange-hub, O=Data Exchange Office");
        using var folder = new TemporaryDirectory();
        var certificateFile = Path.Combine(folder.Path, "hub.pem");
        var keyFile = Path.Combine(folder.Path, "hub.key");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var answer = await ExternalTool.RunAsync(curl,
        [
            "--silent", "--show-error", "--fail-with-body", "--cacert", server.DataFile("ca-chain.pem"), "--cert", certificateFile, "--key", keyFile,
            "--data-urlencode", "grant_type=client_credentials", "--data-urlencode", "client_id=" + clientId, "--data-urlencode", "scope=" + CertificateClients.Scope,
            new Uri(server.Https, "/connect/token").ToString(),
        ]);
        var digest = await ExternalTool.RunAsync(openssl, ["x509", "-in", certificateFile, "-outform", "DER", "-out", Path.Combine(folder.Path, "hub.der")]);
        var hash = await ExternalTool.RunAsync(openssl, ["dgst", "-sha256", "-r", Path.Combine(folder.Path, "hub.der")]);

        Assert.True(answer.ExitCode == 0, answer.ToString());
        Assert.True(digest.ExitCode == 0 && hash.ExitCode == 0, digest + "\n" + hash);
        var jwt = new JsonWebToken(JsonDocument.Parse(answer.Output).RootElement.GetProperty("access_token").GetString());
        var expected = Base64UrlEncoder.Encode(Convert.FromHexString(hash.Output.Split(' ')[0].Trim()));
        Assert.Equal(expected, JsonDocument.Parse(jwt.GetClaim("cnf").Value).RootElement.GetProperty("x5t#S256").GetString());
    }
}
