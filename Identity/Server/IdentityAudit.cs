namespace Identity.Server;

/// <summary>The audit vocabulary of the OpenID Connect server (module <c>identity</c>).</summary>
public static class IdentityAudit
{
    /// <summary>The module name events carry.</summary>
    public const string Module = "identity";

    /// <summary>A token request answered: tokens issued (success) or refused (failure, with the OAuth error).</summary>
    public const string TokenIssue = "token.issue";

    /// <summary>A person's sign-in session ended by RP-initiated logout.</summary>
    public const string Logout = "logout";

    /// <summary>A token revoked at the revocation endpoint.</summary>
    public const string TokenRevoke = "token.revoke";
}
