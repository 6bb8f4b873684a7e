using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Clients;

/// <summary>The token endpoint authentication methods an application can be registered with (RFC 7591 names).</summary>
public static class ClientAuthMethods
{
    /// <summary>A secret the platform generates, sent with HTTP Basic authentication; only its hash is stored.</summary>
    public const string ClientSecretBasic = ClientAuthenticationMethods.ClientSecretBasic;

    /// <summary>A JWT signed with one of the application's registered public keys (RFC 7523).</summary>
    public const string PrivateKeyJwt = ClientAuthenticationMethods.PrivateKeyJwt;

    /// <summary>A client certificate of a trusted CA with the registered subject or alternative name (RFC 8705 §2.1).</summary>
    public const string TlsClientAuth = ClientAuthenticationMethods.TlsClientAuth;

    /// <summary>A public client (native or browser application): no secret; PKCE required.</summary>
    public const string None = ClientAuthenticationMethods.None;

    /// <summary>Every method, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [ClientSecretBasic, PrivateKeyJwt, TlsClientAuth, None];
}
