using Server.Tests.Audit;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Security;

/// <summary>A revocation on one node refuses the next request of a connection already open on the other.</summary>
public sealed class TwoNodeClientCertificateRevocationTests
{
    [Fact]
    public async Task OpenConnectionOnOtherNode_CertificateRevoked_RefusedWithoutReconnecting()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var certificate = await AuditorCertificates.IssueAsync(nodes.First, "CN=Travelling Officer,O=City");
        var serial = certificate.SerialNumber.TrimStart('0').ToLowerInvariant();
        using var officer = new OneConnectionClient(nodes.Second.Https, certificate, HttpVersion.Version11);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(officer));

        using (var admin = nodes.First.AdminClient())
        using (var revoke = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" }))
        {
            Assert.True(revoke.StatusCode == HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync());
        }

        await Eventually.EqualAsync(HttpStatusCode.Unauthorized, () => StatusAsync(officer));
        Assert.Equal(1, officer.Connections);
    }

    private static async Task<HttpStatusCode> StatusAsync(OneConnectionClient officer)
    {
        using var response = await officer.Client.GetAsync("/audit/events?limit=1");
        return response.StatusCode;
    }
}
