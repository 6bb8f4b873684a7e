namespace Identity.People;

/// <summary>One-time codes (section <c>Identity:People:Totp</c>). The algorithm is fixed to what every authenticator app reads: RFC 6238 with SHA-1, 6 digits, 30 s.</summary>
public sealed class TotpOptions
{
    /// <summary>The issuer an authenticator app shows beside the login.</summary>
    public string Issuer { get; set; } = "SecurityPlatform";

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Issuer) || Issuer.Length > 64 || Issuer.Contains(':', StringComparison.Ordinal) || Issuer.Any(char.IsControl))
        {
            yield return "Identity:People:Totp:Issuer must be 1 to 64 printable characters without ':'.";
        }
    }
}
