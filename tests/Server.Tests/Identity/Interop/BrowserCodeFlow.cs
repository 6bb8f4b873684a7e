using System.Text.Json;
using Microsoft.Playwright;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// openid-client's code flow with a person in the browser, against any provider: the relying party
/// builds the request (code-flow-start.mjs), the browser opens it and <c>passPages</c> carries the
/// person through the provider's own pages until it sends the browser back, and the relying party
/// redeems the answer and uses the tokens (code-flow-finish.mjs).
/// </summary>
internal sealed class BrowserCodeFlow(string folder, string caFile, string issuer, string clientId, string secret, string scope)
{
    /// <summary>What the relying party started with (url, verifier, state, nonce) and what it saw (see code-flow-finish.mjs).</summary>
    public sealed record Outcome(JsonElement Start, JsonElement Seen);

    /// <summary>The authorization request the relying party would send the browser to: url, verifier, state, nonce.</summary>
    public Task<JsonElement> StartAsync() =>
        OpenIdClient.RunAsync(folder, "code-flow-start.mjs", caFile, issuer, clientId, secret, RelyingPartyPages.Callback, scope);

    public async Task<Outcome> RunAsync(IPage page, RelyingPartyPages relyingParty, Func<IPage, Task> passPages)
    {
        var start = await StartAsync();
        await page.GotoAsync(start.GetProperty("url").GetString()!);
        await passPages(page);
        var callback = await relyingParty.NextAsync();
        var seen = await OpenIdClient.RunAsync(folder, "code-flow-finish.mjs", caFile, issuer, clientId, secret, callback.ToString(),
            start.GetProperty("verifier").GetString()!, start.GetProperty("state").GetString()!, start.GetProperty("nonce").GetString()!, RelyingPartyPages.SignedOut);
        return new Outcome(start, seen);
    }

    /// <summary>
    /// Follows the logout URL from the relying party's page, as its "sign out" link would be (a
    /// navigation Playwright starts itself would not see the redirect back); <c>confirm</c> answers
    /// a provider that asks first. True when the browser came back to the post-logout redirect URI.
    /// </summary>
    public static async Task<bool> LogoutAsync(IPage page, RelyingPartyPages relyingParty, Outcome outcome, Func<IPage, Task>? confirm = null)
    {
        await page.EvaluateAsync("url => { setTimeout(() => { location.href = url; }, 0); }", outcome.Seen.GetProperty("logout").GetString());
        if (confirm is not null)
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await confirm(page);
        }

        return (await relyingParty.NextAsync()).GetLeftPart(UriPartial.Path) == RelyingPartyPages.SignedOut;
    }
}
