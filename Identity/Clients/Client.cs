using System.Text.Json;

namespace Identity.Clients;

/// <summary>
/// A registered application as the administration API shows it. Never holds the stored secret
/// hash; <see cref="ClientSecret"/> is the new secret itself, present only in the answer that
/// created it.
/// </summary>
/// <param name="ClientId">The OAuth <c>client_id</c>.</param>
/// <param name="DisplayName">The name people see on the consent page.</param>
/// <param name="FirstParty">True when the city runs the application: its users are not asked for consent.</param>
/// <param name="ClientType"><c>confidential</c> or <c>public</c>.</param>
/// <param name="TokenEndpointAuthMethod">How it authenticates at the token endpoint.</param>
/// <param name="RedirectUris">Where authorization answers may go, matched exactly.</param>
/// <param name="PostLogoutRedirectUris">Where a logout may return, matched exactly.</param>
/// <param name="GrantTypes">The grants it may use.</param>
/// <param name="Scopes">The scopes it may ask for.</param>
/// <param name="Audiences">The resource identifiers its access tokens carry in <c>aud</c>.</param>
/// <param name="Jwks">Its public keys, for <c>private_key_jwt</c>.</param>
/// <param name="TlsClientAuthSubjectDn">The certificate subject, for <c>tls_client_auth</c> by subject.</param>
/// <param name="TlsClientAuthSanDns">The certificate's DNS name, for <c>tls_client_auth</c> by that name.</param>
/// <param name="TlsClientAuthSanUri">The certificate's URI name.</param>
/// <param name="TlsClientAuthSanIp">The certificate's IP address.</param>
/// <param name="TlsClientAuthSanEmail">The certificate's e-mail address.</param>
/// <param name="ClientSecret">The new client secret, once.</param>
public sealed record Client(
    string ClientId,
    string DisplayName,
    bool FirstParty,
    string ClientType,
    string TokenEndpointAuthMethod,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Audiences,
    JsonElement? Jwks = null,
    string? TlsClientAuthSubjectDn = null,
    string? TlsClientAuthSanDns = null,
    string? TlsClientAuthSanUri = null,
    string? TlsClientAuthSanIp = null,
    string? TlsClientAuthSanEmail = null,
    string? ClientSecret = null);
