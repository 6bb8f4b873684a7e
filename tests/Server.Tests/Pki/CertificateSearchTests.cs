using System.Net;
using System.Text.Json;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Pki;

/// <summary>The repository's search as the console uses it: every filter applied by the server, a page at a time.</summary>
public sealed class CertificateSearchTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Search_BySerialPrefix_FindsThatCertificateOnly()
    {
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa("CN=prefix.example.org", null, "prefix.example.org"), "tls-server");
        await Server.IssueAsync(TestCsrs.Ecdsa("CN=other.example.org", null, "other.example.org"), "tls-server");

        var found = await SerialsAsync($"?serial={issued.SerialNumber[..20].ToUpperInvariant()}");

        Assert.Equal([issued.SerialNumber], found);
    }

    [Fact]
    public async Task Search_ByProfileAndCa_PagesWithTheFilterKept()
    {
        var marker = Guid.NewGuid().ToString("n")[..10];
        var signed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            signed.Add((await Server.IssueAsync(TestCsrs.Ecdsa($"CN=Clerk {i} {marker},O=City"), "document-signing")).SerialNumber);
        }

        await Server.IssueAsync(TestCsrs.Ecdsa($"CN=www.{marker}.example.org", null, $"www.{marker}.example.org"), "tls-server");

        using var admin = Server.AdminClient();
        using var first = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?subject={marker}&profile=document-signing&ca=issuing&limit=2"));
        var next = first.RootElement.GetProperty("next").GetString();
        using var second = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?subject={marker}&profile=document-signing&ca=issuing&limit=2&cursor={next}"));
        using var otherCa = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates?subject={marker}&ca=root"));

        var pages = Serials(first).Concat(Serials(second)).ToList();
        Assert.Equal(Enumerable.Reverse(signed), pages);
        Assert.All(first.RootElement.GetProperty("certificates").EnumerateArray(), c => Assert.Equal("issuing", c.GetProperty("ca").GetString()));
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("next").ValueKind);
        Assert.Empty(Serials(otherCa));
    }

    [Theory]
    [InlineData("serial=xyz")]
    [InlineData("serial=00112233445566778899aabbccddeeff0011223344")]
    public async Task Search_BadSerialFilter_Returns400(string query)
    {
        using var admin = Server.AdminClient();
        using var response = await admin.GetAsync($"/pki/certificates?{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "serial-invalid");
    }

    private async Task<List<string>> SerialsAsync(string query)
    {
        using var admin = Server.AdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates{query}"));
        return Serials(page);
    }

    private static List<string> Serials(JsonDocument page) =>
        [.. page.RootElement.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("serialNumber").GetString()!)];
}
