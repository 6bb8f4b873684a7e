using Server.Tests.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Server.Tests.Identity;

/// <summary>Access tokens of new people, obtained the way a relying party does: certificate sign-in, code, PKCE redemption.</summary>
internal static class PersonTokens
{
    /// <summary>An access token of a new person with <paramref name="roles"/>, signed in by certificate, for a new client registered with <paramref name="audiences"/>.</summary>
    public static async Task<(string Token, string Login, string ClientId)> AccessTokenAsync(PlatformServer server, string[] roles, string[] audiences)
    {
        var (clientId, login) = await CodeFlowTests.SetUpAsync(server, ConsentTypes.Implicit, roles, audiences);
        using var certificate = await SessionTests.BoundCertificateAsync(server, login);
        using var browser = server.HttpsClient(certificate, followRedirects: false);
        var verifier = CodeFlowTests.Verifier();
        using var signedIn = await SessionTests.CertificateSignInAsync(browser, clientId, verifier);
        var tokens = await CodeFlowTests.RedeemAsync(server, clientId, await CodeFlowTests.CodeAfterSignInAsync(browser, signedIn), verifier);
        return (tokens.Body.GetProperty("access_token").GetString()!, login, clientId);
    }
}
