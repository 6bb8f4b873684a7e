namespace Identity;

/// <summary>The identity provider's settings, section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Identity";

    /// <summary>How long an access token is valid, in minutes: short, since a JWT cannot be called back.</summary>
    public int AccessTokenLifetimeMinutes { get; set; } = 5;

    /// <summary>How long an identity token is valid, in minutes.</summary>
    public int IdentityTokenLifetimeMinutes { get; set; } = 5;

    /// <summary>How long a refresh token is valid, in days (each use replaces it).</summary>
    public int RefreshTokenLifetimeDays { get; set; } = 14;

    /// <summary>How long an authorization code is valid, in seconds.</summary>
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 60;
}
