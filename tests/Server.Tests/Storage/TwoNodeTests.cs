using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Storage;

/// <summary>Two nodes over one PostgreSQL database and one key folder: one hierarchy, one CRL number sequence.</summary>
public sealed class TwoNodeTests
{
    [Fact]
    public async Task TwoNodes_ShareTheHierarchyAndNeverReuseACrlNumber()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        string[] postgres = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        await using var first = await PlatformServer.StartAsync(data.Path, postgres);
        await using var second = await PlatformServer.StartAsync(data.Path, postgres);

        var numbers = new List<long>();
        foreach (var (node, other) in new[] { (first, second), (second, first), (first, second), (second, first) })
        {
            var name = "node-" + Guid.NewGuid().ToString("n")[..8];
            var serial = (await node.IssueAsync(TestCsrs.Ecdsa($"CN={name}.example.org", null, $"{name}.example.org"), "tls-server")).SerialNumber;
            using (var admin = other.AdminClient())
            {
                // Issued on one node, revoked on the other: both read the same repository.
                (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "superseded" })).EnsureSuccessStatusCode();
            }

            var crl = new X509CrlParser().ReadCrl(await other.HttpClient().GetByteArrayAsync("/pki/cas/issuing/crl"));
            Assert.NotNull(crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serial, 16)));
            numbers.Add(DerInteger.GetInstance(Asn1Object.FromByteArray(crl.GetExtensionValue(X509Extensions.CrlNumber).GetOctets())).LongValueExact);
        }

        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(await File.ReadAllTextAsync(first.DataFile("root-ca.pem")), await new HttpClient().GetStringAsync(new Uri(second.Http, "/pki/cas/root/certificate?format=pem")));
    }
}
