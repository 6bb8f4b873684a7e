using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Http;

namespace Platform.Security;

internal sealed partial class ClientCertificateAuthenticationHandler
{
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await audit.RecordAsync(HttpAuditContext.For(Context, "platform", "authorization.denied", AuditOutcome.Denied,
            Context.Request.Path), Context.RequestAborted);
        var roles = await RequiredRolesAsync();
        await Problems.WriteAsync(Context, ProblemCodes.RoleRequired, roles.Count == 0
            ? "The client certificate does not carry what this endpoint needs."
            : $"The client certificate does not carry the role this endpoint needs: {string.Join("; and ", roles)}.");
    }

    /// <summary>
    /// The roles the endpoint's authorization policy requires, as the caller can read them: one entry per
    /// requirement, its alternatives joined by "or" (<c>auditor or administrator</c>).
    /// </summary>
    private async Task<IReadOnlyList<string>> RequiredRolesAsync()
    {
        var endpoint = Context.GetEndpoint();
        if (endpoint is null)
        {
            return [];
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy is null
            ? []
            : [.. policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => string.Join(" or ", r.AllowedRoles))];
    }
}
