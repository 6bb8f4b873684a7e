namespace Identity.People;

/// <summary>The audit vocabulary of the directory: module <c>identity</c>, and its actions.</summary>
public static class PeopleAudit
{
    /// <summary>The module name events carry.</summary>
    public const string Module = "identity";

    /// <summary>A person added.</summary>
    public const string Create = "person.create";

    /// <summary>A person changed (names, roles, password reset, re-enabled, unlocked).</summary>
    public const string Update = "person.update";

    /// <summary>A person disabled.</summary>
    public const string Disable = "person.disable";

    /// <summary>A certificate bound to a person.</summary>
    public const string CertificateBind = "person.certificate.bind";

    /// <summary>An authenticator enrolled (started, then confirmed; the <c>stage</c> detail says which).</summary>
    public const string TotpEnrol = "person.totp.enrol";

    /// <summary>A password sign-in checked; details <c>method</c> (<c>pwd+otp</c>, <c>pwd</c>) and <c>reason</c>.</summary>
    public const string SignIn = "sign-in";
}
