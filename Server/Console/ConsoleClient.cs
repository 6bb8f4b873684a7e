using Identity.Clients;
using Identity.Clients.Endpoints;

namespace Server.WebConsole;

/// <summary>
/// The console's registration at the identity provider: a public client (a browser holds no
/// secret), authorization code with PKCE, first party (people are not asked for consent), its
/// tokens for the platform's own APIs only. Redirect and post-logout URIs are the console's
/// address on each HTTPS origin, matched exactly by the provider.
/// </summary>
internal static class ConsoleClient
{
    /// <summary>The console's client id.</summary>
    public const string ClientId = "console";

    /// <summary>What the console asks for: who the person is and their roles.</summary>
    public static readonly string[] Scopes = ["openid", "profile", "roles"];

    /// <summary>The audience the platform's own APIs accept bearer tokens for (docs/identity.md).</summary>
    public const string PlatformAudience = "securityplatform";

    public static BuiltInClient For(ConsoleListeners listeners)
    {
        var uris = listeners.Origins.Select(o => o + ConsoleEndpoints.Path).ToList();
        return new BuiltInClient(new RegisterClientRequest(
            ClientId, "SecurityPlatform console", FirstParty: true, uris, uris, ["authorization_code"], Scopes,
            [PlatformAudience], ClientAuthMethods.None, null, null, null, null, null, null));
    }
}
