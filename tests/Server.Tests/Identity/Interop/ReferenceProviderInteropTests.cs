using Microsoft.Playwright;
using Server.Tests.Hosting;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// The relying-party programs that prove the platform's provider, run unchanged against npm's
/// oidc-provider: the same flows succeed against both, so what they check is the standard and not
/// a habit of ours. oidc-provider's access tokens are opaque by default, so there only the ID
/// token is verified with jose; the rest is the same.
/// </summary>
public sealed class ReferenceProviderInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ClientId = "records";
    private const string Secret = "a secret of the reference provider's client";
    private const string ResourceScope = "api";

    [Fact]
    public async Task ClientCredentials_Introspection_Revocation_AgainstOidcProvider()
    {
        var folder = await OpenIdClient.InstallAsync();
        await using var reference = await ReferenceProvider.StartAsync(fixture.Server, ClientId, Secret, ResourceScope);

        var seen = await OpenIdClient.RunAsync(folder, "client-credentials.mjs", reference.CaFile, reference.Issuer, ClientId, Secret, ResourceScope);

        Assert.Equal(reference.Issuer, seen.GetProperty("issuer").GetString());
        Assert.True(seen.GetProperty("activeBefore").GetBoolean());
        Assert.Equal(ClientId, seen.GetProperty("clientIdBefore").GetString());
        Assert.False(seen.GetProperty("activeAfter").GetBoolean());
    }

    [Fact]
    public async Task CodeFlowInTheBrowser_Refresh_Reuse_Introspection_Revocation_Logout_AgainstOidcProvider()
    {
        var folder = await OpenIdClient.InstallAsync();
        await using var reference = await ReferenceProvider.StartAsync(fixture.Server, ClientId, Secret, ResourceScope);
        await using var browser = await HeadlessBrowser.LaunchAsync();
        await using var context = await browser.NewContextAsync();
        var relyingParty = await RelyingPartyPages.AttachAsync(context);
        var page = await context.NewPageAsync();
        var flow = new BrowserCodeFlow(folder, reference.CaFile, reference.Issuer, ClientId, Secret, "openid profile offline_access");

        // Its development login page takes any login and password, then asks for consent.
        var outcome = await flow.RunAsync(page, relyingParty, async page =>
        {
            await page.FillAsync("input[name=login]", "li.si");
            await page.FillAsync("input[name=password]", "any password");
            await page.ClickAsync("button[type=submit]");
            await page.ClickAsync("button[type=submit]:has-text('Continue')");
        });

        var seen = outcome.Seen;
        Assert.Equal("li.si", seen.GetProperty("idToken").GetProperty("claims").GetProperty("sub").GetString());
        Assert.Equal(outcome.Start.GetProperty("nonce").GetString(), seen.GetProperty("idToken").GetProperty("claims").GetProperty("nonce").GetString());
        Assert.Equal("li.si", seen.GetProperty("userinfo").GetProperty("sub").GetString());
        Assert.True(seen.GetProperty("refreshRotated").GetBoolean());
        Assert.True(seen.GetProperty("activeBefore").GetBoolean());
        Assert.False(seen.GetProperty("activeAfter").GetBoolean());
        Assert.Equal("invalid_grant", seen.GetProperty("reused").GetString());
        Assert.False(seen.GetProperty("rotatedActiveAfterReuse").GetBoolean());
        Assert.True(await BrowserCodeFlow.LogoutAsync(page, relyingParty, outcome, confirm: page => page.ClickAsync("button[name=logout]")));
    }
}
