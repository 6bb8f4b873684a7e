using Server.Tests.Hosting;
using System.Net;
using TestSupport;

namespace Server.Tests.Pki;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_ReusesHierarchyAndFindsCertificates()
    {
        using var data = new TemporaryDirectory();
        string root, admin, serial;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=kept.example.org", null, "kept.example.org"), "tls-server")).SerialNumber;
            root = await File.ReadAllTextAsync(first.DataFile("root-ca.pem"));
            admin = await File.ReadAllTextAsync(first.DataFile("admin.pem"));
        }

        await using var second = await PlatformServer.StartAsync(data.Path);

        Assert.Equal(root, await File.ReadAllTextAsync(second.DataFile("root-ca.pem")));
        Assert.Equal(admin, await File.ReadAllTextAsync(second.DataFile("admin.pem")));
        using var client = second.AdminClient();
        using var response = await client.GetAsync($"/pki/certificates/{serial}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var cas = await second.HttpClient().GetAsync("/pki/cas/root/certificate?format=pem");
        Assert.Equal(root.Trim(), (await cas.Content.ReadAsStringAsync()).Trim());
    }
}
