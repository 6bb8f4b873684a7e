using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Revocation;

public sealed class RevocationRestartTests
{
    [Fact]
    public async Task Restart_KeepsRevocationsAndCrlNumbersKeepIncreasing()
    {
        using var data = new TemporaryDirectory();
        string serial;
        long numberBefore;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=restart.example.org", null, "restart.example.org"), "tls-server")).SerialNumber;
            using var admin = first.AdminClient();
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
            numberBefore = CrlNumber(await first.HttpClient().GetByteArrayAsync("/pki/cas/issuing/crl"));
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        var crl = new X509CrlParser().ReadCrl(await second.HttpClient().GetByteArrayAsync("/pki/cas/issuing/crl"));
        Assert.NotNull(crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serial, 16)));
        Assert.True(CrlNumber(crl.GetEncoded()) >= numberBefore);

        var another = (await second.IssueAsync(TestCsrs.Ecdsa("CN=restart2.example.org", null, "restart2.example.org"), "tls-server")).SerialNumber;
        using (var admin = second.AdminClient())
        {
            (await admin.PostAsJsonAsync($"/pki/certificates/{another}/revoke", new { reason = "superseded" })).EnsureSuccessStatusCode();
        }

        Assert.True(CrlNumber(await second.HttpClient().GetByteArrayAsync("/pki/cas/issuing/crl")) > numberBefore);
    }

    private static long CrlNumber(byte[] der)
    {
        var crl = new X509CrlParser().ReadCrl(der);
        var value = crl.GetExtensionValue(X509Extensions.CrlNumber);
        return DerInteger.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).LongValueExact;
    }
}
