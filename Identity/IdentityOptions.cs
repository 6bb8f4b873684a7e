namespace Identity;

/// <summary>The identity provider's settings, section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Identity";

    /// <summary>
    /// The issuer URL (absolute https) named in discovery and tokens; when unset, the platform's
    /// public base URL if it is https, else the first https listener.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>How long an access token is valid, in minutes: short, since a JWT cannot be called back.</summary>
    public int AccessTokenLifetimeMinutes { get; set; } = 5;

    /// <summary>How long an identity token is valid, in minutes.</summary>
    public int IdentityTokenLifetimeMinutes { get; set; } = 5;

    /// <summary>How long a refresh token is valid, in days (each use replaces it).</summary>
    public int RefreshTokenLifetimeDays { get; set; } = 14;

    /// <summary>
    /// How long a rotated refresh token may still be used, in seconds, for a client that lost the
    /// answer and retries. 0 (the default): any second use is a reuse, refused, and revokes every
    /// token of that sign-in, as OAuth's security best practice asks of rotated tokens.
    /// </summary>
    public int RefreshTokenReuseLeewaySeconds { get; set; }

    /// <summary>How long an authorization code is valid, in seconds.</summary>
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 60;
}
