namespace Gateway.Verification;

/// <summary>Who the gateway authenticated and what it decided, as it signed it.</summary>
/// <param name="Kind"><c>person</c>, <c>application</c> or <c>certificate</c>.</param>
/// <param name="Id">The person's login, the application's client id, or the certificate's serial (lowercase hex).</param>
/// <param name="Roles">The roles the person's or application's token carries (none for a certificate holder).</param>
/// <param name="Department">The person's department, if the token names one.</param>
/// <param name="Policies">The ids of the policies that allowed the request.</param>
public sealed record GatewayIdentity(string Kind, string Id, IReadOnlyList<string> Roles, string? Department, IReadOnlyList<string> Policies);

/// <summary>The outcome of verifying a request: its identity, or why it is not to be trusted.</summary>
public sealed record GatewayVerification(GatewayIdentity? Identity, string? Failure)
{
    /// <summary>True when the gateway's signature over the request and its identity holds.</summary>
    public bool IsVerified => Identity is not null;

    internal static GatewayVerification Refused(string failure) => new(null, failure);
}
