using System.Text.Json;

namespace Server.Tests.Interop;

/// <summary>
/// An SM2 default hierarchy still serves curl, OpenSSL and Go over HTTPS: the listener's and the
/// administrator's certificates come from the built-in ECDSA P-256 transport hierarchy, since
/// no TLS stack verifies an SM2 chain (OpenSSL ends the handshake with "EVP lib").
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class Sm2TransportInteropTests(InteropFixture fixture)
{
    [Fact]
    public async Task AdminApi_Sm2DefaultHierarchy_CurlTrustingTheTransportRootReadsIt()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.Sm2);

        var answer = await Curl.GetAsync(new Uri(server.Https, "/pki/certificates?limit=1").ToString(), server.DataFile("transport-root-ca.pem"),
            fixture.NewDirectory(), server.DataFile("admin.pem"), server.DataFile("admin.key"));

        Assert.True(answer.Status == 200, $"{answer.Status} {answer.Body}");
    }

    [Fact]
    public async Task AdminApi_Sm2DefaultHierarchy_GoTrustingTheTransportRootReadsIt()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.Sm2);

        var result = await GoTlsGet.GetAsync(new Uri(server.Https, "/pki/certificates?limit=1").ToString(), server.DataFile("transport-root-ca.pem"),
            server.DataFile("admin.pem"), server.DataFile("admin.key"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("200\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCas_Sm2DefaultHierarchy_ListsTheSm2CasAndTheEcdsaTransportCas()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.Sm2);

        var answer = await Curl.GetAsync(new Uri(server.Https, "/pki/cas").ToString(), server.DataFile("transport-root-ca.pem"), fixture.NewDirectory());

        using var cas = JsonDocument.Parse(answer.Body);
        Assert.Equal(
        [
            ("root", "SM2", false), ("issuing", "SM2", false),
            ("transport-root", "ECDSA-P256", true), ("transport-issuing", "ECDSA-P256", true),
        ], cas.RootElement.EnumerateArray().Select(ca => (ca.GetProperty("name").GetString(), ca.GetProperty("algorithm").GetString(), ca.GetProperty("transport").GetBoolean())));
    }

    [Fact]
    public async Task Issue_Sm2DefaultHierarchy_DocumentSigningStillComesFromTheSm2IssuingCa()
    {
        var issued = await fixture.IssueAsync(InteropAlgorithms.Sm2, InteropAlgorithms.Sm2, ProfileRequest.DocumentSigning);

        var text = await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-issuer");

        Assert.Contains("SecurityPlatform Issuing CA", text, StringComparison.Ordinal);
    }
}
