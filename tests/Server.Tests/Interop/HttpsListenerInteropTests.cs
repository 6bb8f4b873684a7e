using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>OpenSSL's and curl's TLS clients against the platform's HTTPS listener.</summary>
[Collection(InteropCollection.Name)]
public sealed partial class HttpsListenerInteropTests(InteropFixture fixture)
{
    /// <remarks>
    /// Under an SM2 default hierarchy the listener's chain comes from the ECDSA P-256 transport
    /// hierarchy: an SM2 chain fails every TLS client's handshake (OpenSSL: "EVP lib").
    /// </remarks>
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Handshake_OpenSslClientTrustingTheRoot_VerifiesServerCertificateForLocalhost(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);

        var result = await OpenSsl.RunAsync("s_client", "-connect", $"127.0.0.1:{server.Https.Port}", "-servername", "localhost",
            "-CAfile", InteropFixture.TrustedRoot(server, hierarchy), "-verify_return_error", "-verify_hostname", "localhost");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verify return code: 0 (ok)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Verified peername: localhost", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Handshake_GnuTlsClientTrustingTheRoot_VerifiesServerCertificateForLocalhost(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);

        var result = await ExternalTool.RunAsync(ExternalTool.Require("gnutls-cli"),
        [
            "--x509cafile", InteropFixture.TrustedRoot(server, hierarchy), "--port", server.Https.Port.ToString(CultureInfo.InvariantCulture),
            "--sni-hostname", "localhost", "--verify-hostname", "localhost", "127.0.0.1",
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Status: The certificate is trusted.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Handshake was completed", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Handshake_ServerChain_VerifiesForTlsServerLocalhostAndLoopbackAddress(string hierarchy)
    {
        // The chain the listener sends is saved and verified apart, for server authentication and both names.
        var server = await fixture.ServerAsync(hierarchy);
        var transport = InteropFixture.Transport(server, hierarchy);
        var directory = fixture.NewDirectory();

        var handshake = await OpenSsl.RunAsync("s_client", "-connect", $"127.0.0.1:{server.Https.Port}", "-servername", "localhost", "-showcerts");
        var sent = PemCertificate().Matches(handshake.Output).Select(m => m.Value).ToList();
        // The root is optional in the handshake (RFC 8446 §4.4.2): the client must have it already.
        Assert.True(sent.Count is 2 or 3, "expected the server certificate and the issuing CA:\n" + handshake);
        var leaf = Path.Combine(directory, "server.pem");
        var issuing = Path.Combine(directory, "sent-issuing.pem");
        await File.WriteAllTextAsync(leaf, sent[0] + "\n");
        await File.WriteAllTextAsync(issuing, sent[1] + "\n");
        Assert.Equal(await FingerprintAsync(transport.IssuingFile), await FingerprintAsync(issuing));

        foreach (var name in new[] { new[] { "-verify_hostname", "localhost" }, ["-verify_ip", "127.0.0.1"] })
        {
            var result = await OpenSsl.VerifyAsync(transport.Algorithm, transport.RootFile, transport.IssuingFile, leaf,
                ["-x509_strict", "-purpose", "sslserver", .. name]);
            Assert.True(result.ExitCode == 0 && result.Output.Contains(": OK", StringComparison.Ordinal), result.ToString());
        }
    }

    /// <remarks>The certificate comes from the default hierarchy, SM2 included; the listener is authenticated by the transport root.</remarks>
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task IssueCertificate_CurlWithAdministratorCertificate_Answers201WithAVerifiableCertificate(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);
        var directory = fixture.NewDirectory();
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), InteropFixture.TrustedRoot(server, hierarchy),
            JsonSerializer.Serialize(new { csr, profile = ProfileRequest.TlsServer }), directory, server.DataFile("admin.pem"), server.DataFile("admin.key"));

        Assert.True(answer.Status == 201, $"{answer.Status} {answer.Body}");
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(answer.Body);
        var leaf = Path.Combine(directory, "issued.pem");
        await File.WriteAllTextAsync(leaf, json.RootElement.GetProperty("certificate").GetString());
        var chain = json.RootElement.GetProperty("chain").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, chain.Count);
        Assert.Equal(await FingerprintAsync(server.DataFile("issuing-ca.pem")), await FingerprintAsync(directory, chain[0]));
        Assert.Equal(await FingerprintAsync(server.DataFile("root-ca.pem")), await FingerprintAsync(directory, chain[1]));
        var result = await OpenSsl.VerifyAsync(hierarchy, server.DataFile("root-ca.pem"), server.DataFile("issuing-ca.pem"), leaf,
            "-purpose", "sslserver", "-verify_hostname", "web.example.org");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <remarks>
    /// Many TLS clients send their issuing CA with their certificate; .NET's does whenever it can
    /// fetch it through the certificate's AIA URL. An SM2-signed CA certificate in that chain
    /// would end the handshake in the server's OpenSSL ("error:06880006:asn1 encoding
    /// routines::EVP lib"); the administrator's certificate comes from the transport hierarchy,
    /// so under an SM2 default too the chain is one every TLS stack reads.
    /// </remarks>
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task IssueCertificate_CurlPresentingAdministratorWithItsIssuingCa_Answers201(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);
        var transport = InteropFixture.Transport(server, hierarchy);
        var directory = fixture.NewDirectory();
        var withIssuer = Path.Combine(directory, "admin-and-issuing.pem");
        await File.WriteAllTextAsync(withIssuer, (await File.ReadAllTextAsync(server.DataFile("admin.pem"))).TrimEnd() + "\n"
            + await File.ReadAllTextAsync(transport.IssuingFile));
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), transport.RootFile,
            JsonSerializer.Serialize(new { csr, profile = ProfileRequest.TlsServer }), directory, withIssuer, server.DataFile("admin.key"));

        Assert.True(answer.Status == 201, $"{answer.Status} {answer.Body}");
    }

    [Fact]
    public async Task IssueCertificate_CurlWithoutClientCertificate_Answers401ProblemDetails()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.EcdsaP256);
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), server.DataFile("root-ca.pem"),
            JsonSerializer.Serialize(new { csr, profile = ProfileRequest.TlsServer }), fixture.NewDirectory());

        Assert.Equal(401, answer.Status);
        AssertProblemDetails(answer, 401);
    }

    [Fact]
    public async Task IssueCertificate_CurlWithNonAdministratorClientCertificate_Answers403ProblemDetails()
    {
        // A valid tls-client certificate from the same CA authenticates but carries no role.
        var server = await fixture.ServerAsync(InteropAlgorithms.EcdsaP256);
        var client = await fixture.IssueAsync(InteropAlgorithms.EcdsaP256, InteropAlgorithms.EcdsaP256, ProfileRequest.TlsClient);
        var csr = await fixture.Csrs.CsrAsync(InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), server.DataFile("root-ca.pem"),
            JsonSerializer.Serialize(new { csr, profile = ProfileRequest.TlsServer }), fixture.NewDirectory(),
            client.LeafFile, await fixture.Csrs.KeyFileAsync(InteropAlgorithms.EcdsaP256));

        Assert.Equal(403, answer.Status);
        AssertProblemDetails(answer, 403);
    }

    private static Task<string> FingerprintAsync(string pemFile) =>
        OpenSsl.OutputAsync("x509", "-in", pemFile, "-noout", "-fingerprint", "-sha256");

    private static async Task<string> FingerprintAsync(string directory, string pem)
    {
        var file = Path.Combine(directory, "chain-" + Guid.NewGuid().ToString("n") + ".pem");
        await File.WriteAllTextAsync(file, pem);
        return await FingerprintAsync(file);
    }

    private static void AssertProblemDetails(CurlAnswer answer, int status)
    {
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(answer.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    [GeneratedRegex("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----")]
    private static partial Regex PemCertificate();
}
