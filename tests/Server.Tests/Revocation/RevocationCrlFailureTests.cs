using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Pki.Ca.Storage;
using Server.Tests.Hosting;
using Server.Tests.Storage;
using System.Net.Http.Json;
using TestSupport;
using static Server.Tests.Revocation.RevocationQueries;

namespace Server.Tests.Revocation;

/// <summary>
/// A revocation committed while its CRL cannot be published: the call answers 503, the
/// pre-signed OCSP answers are dropped all the same, and the CRL schedule publishes it later.
/// </summary>
public sealed class RevocationCrlFailureTests
{
    [Fact]
    public async Task CrlPublicationFails_OcspAnswersRevokedAndTheScheduleCatchesUp()
    {
        using var data = new TemporaryDirectory();
        InterceptingRevocationStore? store = null;
        await using var server = await PlatformServer.StartAsync(data.Path, builder => builder.Services.AddSingleton<IRevocationStore>(services =>
            store = new InterceptingRevocationStore((IRevocationStore)services.GetRequiredService<ICaStore>())),
            "--Pki:Crl:CheckIntervalSeconds", "0.2");
        var serial = (await server.IssueAsync(TestCsrs.Ecdsa("CN=crl-down.example.org", null, "crl-down.example.org"), "tls-server")).SerialNumber;
        var request = OcspRequest(server, serial);
        Assert.Null((await AskAsync(server, request)).GetCertStatus()); // good, and pre-signed now

        store!.FailCrlNumbers = true;
        using (var admin = server.AdminClient())
        using (var response = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("crl-publication-failed", await response.Content.ReadAsStringAsync());
        }

        Assert.IsType<RevokedStatus>((await AskAsync(server, request)).GetCertStatus());
        store.FailCrlNumbers = false;
        await Eventually.FoundAsync(async () => (await CrlAsync(server)).GetRevokedCertificate(new BigInteger(serial, 16)));
    }
}
