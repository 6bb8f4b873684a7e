namespace Identity.Signing;

/// <summary>How long a new key is published before it signs, and an old one after it stopped signing.</summary>
/// <param name="Activation">From creation to signing: long enough for relying parties to refresh their cached JWKS.</param>
/// <param name="Retention">From retirement to removal from the JWKS: the longest lifetime of any token a key signs, plus clock skew.</param>
internal sealed record SigningKeyTimeline(TimeSpan Activation, TimeSpan Retention)
{
    // The clock skew relying parties (and OpenIddict) allow by default.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The timeline the settings give; throws naming the setting for a negative activation or a refresh out of range.</summary>
    public static SigningKeyTimeline From(SigningOptions signing, IdentityOptions identity)
    {
        if (signing.SigningKeyActivationHours < 0)
        {
            throw new InvalidOperationException($"Identity:SigningKeyActivationHours must be 0 or more, not {signing.SigningKeyActivationHours}.");
        }

        if (signing.SigningKeyRefreshSeconds is < 0 or > 3600)
        {
            throw new InvalidOperationException($"Identity:SigningKeyRefreshSeconds must be between 0 (at start only) and 3600, not {signing.SigningKeyRefreshSeconds}.");
        }

        // Refresh tokens and authorization codes are signed too (then encrypted), and validated
        // with the same keys when they come back: the longest-lived of them sets the retention.
        var longest = new[]
        {
            TimeSpan.FromMinutes(identity.AccessTokenLifetimeMinutes),
            TimeSpan.FromMinutes(identity.IdentityTokenLifetimeMinutes),
            TimeSpan.FromDays(identity.RefreshTokenLifetimeDays),
            TimeSpan.FromSeconds(identity.AuthorizationCodeLifetimeSeconds),
        }.Max();
        return new SigningKeyTimeline(TimeSpan.FromHours(signing.SigningKeyActivationHours), longest + ClockSkew);
    }
}
