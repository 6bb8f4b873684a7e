using Microsoft.Playwright;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Console.Admin;

/// <summary>The certificates page in a real browser: search on the server, detail, revocation with a reason, and the OCSP and CRL status a relying party would see.</summary>
[Collection(ConsoleAdministrationCollection.Name)]
public sealed class CertificatesPageTests(ConsoleFixture fixture)
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Administrator_RevokesWithAReason_AndSeesOcspBecomeRevoked()
    {
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa("CN=portal.city.example", null, "portal.city.example"), "tls-server");
        await using var session = await fixture.SignInAsync(["administrator"]);
        var page = session.Page;

        await session.OpenAsync("certificates");
        await page.FillAsync("#certificates-serial", issued.SerialNumber[..16]);
        await page.ClickAsync("#certificates-search");
        var link = page.Locator("#certificates-table a", new() { HasText = issued.SerialNumber });
        await link.WaitForAsync();
        var rows = await page.Locator("#certificates-table tbody tr").CountAsync();
        await ConsoleScreenshots.TakeAsync(page, "certificates-search");
        await link.ClickAsync();
        var before = await AdminBrowser.TextAsync(page, "#ocsp-status", "OCSP");
        await ConsoleScreenshots.TakeAsync(page, "certificate-detail");

        await page.SelectOptionAsync("#revoke-reason", "keyCompromise");
        await page.CheckAsync("#revoke-confirm");
        await page.ClickAsync("#revoke-submit");
        var after = await AdminBrowser.TextAsync(page, "#ocsp-status", "revoked");
        await ConsoleScreenshots.TakeAsync(page, "certificate-revoked");

        Assert.Equal(1, rows);
        Assert.Equal("OCSP: good", before);
        Assert.Equal("OCSP: revoked", after);
        Assert.Equal("keyCompromise", await page.Locator("#ocsp-reason").TextContentAsync());
        Assert.Equal("Listed on the CRL", await page.Locator("#crl-status").TextContentAsync());
        Assert.Equal("Revoked", await page.Locator("#certificate-status").TextContentAsync());
        Assert.Empty(session.BrowserErrors);
    }
}
