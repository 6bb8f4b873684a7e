namespace Identity.Clients;

/// <summary>A registration that passed <see cref="ClientValidation"/>: every field checked, lists without repeats.</summary>
internal sealed record ClientSpec(
    string ClientId,
    string DisplayName,
    bool FirstParty,
    string AuthMethod,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Audiences,
    string? Jwks,
    ClientCertificateName? CertificateName)
{
    /// <summary>True for an application without credentials (<c>none</c>).</summary>
    public bool IsPublic => AuthMethod == ClientAuthMethods.None;

    /// <summary>True when it uses the authorization code flow.</summary>
    public bool UsesCode => GrantTypes.Contains(ClientGrantTypes.AuthorizationCode);
}
