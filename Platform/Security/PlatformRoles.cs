namespace Platform.Security;

/// <summary>The roles a client certificate can carry, and the authorization policies named after them.</summary>
public static class PlatformRoles
{
    /// <summary>May administer every module.</summary>
    public const string Administrator = "administrator";

    /// <summary>May read the audit trail and nothing else.</summary>
    public const string Auditor = "auditor";
}
