namespace Identity.Clients;

/// <summary>The audit vocabulary of registered applications: module <c>identity</c>, target the client id.</summary>
public static class ClientAudit
{
    /// <summary>The module name events carry.</summary>
    public const string Module = "identity";

    /// <summary>An application registered.</summary>
    public const string Create = "client.create";

    /// <summary>An application's registration changed.</summary>
    public const string Update = "client.update";

    /// <summary>An application removed, with its tokens and authorizations.</summary>
    public const string Delete = "client.delete";

    /// <summary>An application's client secret replaced by a new one.</summary>
    public const string SecretRotate = "client.secret-rotate";
}
