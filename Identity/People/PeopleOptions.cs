namespace Identity.People;

/// <summary>The directory of people and how they sign in, section <c>Identity:People</c>.</summary>
public sealed class PeopleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Identity:People";

    /// <summary>How passwords are hashed and what they must be.</summary>
    public PasswordOptions Passwords { get; set; } = new();

    /// <summary>Lockout and per-address limits of password sign-in.</summary>
    public SignInOptions SignIn { get; set; } = new();

    /// <summary>One-time codes (RFC 6238).</summary>
    public TotpOptions Totp { get; set; } = new();

    /// <summary>The problems of these settings, empty when they are valid (checked at start-up).</summary>
    public IReadOnlyList<string> Problems() => [.. Passwords.Problems(), .. SignIn.Problems(), .. Totp.Problems()];
}
