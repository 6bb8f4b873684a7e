namespace Platform.Security;

/// <summary>What a validated access token says of its holder.</summary>
/// <param name="Subject">The <c>sub</c> claim: a person's login, or the client id of a client-credentials token.</param>
/// <param name="ClientId">The application the token was issued to.</param>
/// <param name="IsPerson">True when a person signed in (the token names how: <paramref name="AuthenticationMethods"/>); false for an application acting for itself.</param>
/// <param name="Department">The person's department, if any.</param>
/// <param name="Roles">The roles the token carries: the directory's and those of the person's valid attribute certificates.</param>
/// <param name="Clearance">The highest RFC 5755 clearance class (<c>unmarked</c> … <c>topSecret</c>), or null.</param>
/// <param name="AuthenticationMethods">The <c>amr</c> values: <c>certificate</c>, or <c>pwd</c> and <c>otp</c>.</param>
/// <param name="Audiences">The resources the token was issued for.</param>
/// <param name="Scopes">The granted scopes.</param>
/// <param name="ExpiresAt">When the token stops being valid.</param>
/// <param name="CertificateThumbprint">The <c>cnf.x5t#S256</c> of a certificate-bound token (RFC 8705), or null.</param>
public sealed record ValidatedAccessToken(
    string Subject,
    string ClientId,
    bool IsPerson,
    string? Department,
    IReadOnlyList<string> Roles,
    string? Clearance,
    IReadOnlyList<string> AuthenticationMethods,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt,
    string? CertificateThumbprint);
