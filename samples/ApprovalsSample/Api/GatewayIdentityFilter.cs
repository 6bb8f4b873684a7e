using Gateway.Verification;

namespace ApprovalsSample.Api;

/// <summary>
/// Lets an API request through only when the gateway's signature over it verifies
/// (<see cref="GatewayIdentityVerifier"/>: the gateway's published key, the method, authority,
/// path and query as they arrived, every identity header, its lifetime, a fresh nonce). Anything
/// else, identity headers of the caller's own making included, is answered 401 and never reaches
/// the handler. The verified identity is then the request's <see cref="GatewayIdentity"/> feature.
/// </summary>
internal sealed class GatewayIdentityFilter(GatewayIdentityVerifier verifier, ILogger<GatewayIdentityFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var verification = await verifier.VerifyAsync(http.Request, http.RequestAborted);
        if (verification.Identity is not { } identity)
        {
            Log.GatewayIdentityRefused(logger, http.Request.Method, http.Request.Path.ToString(), verification.Failure);
            return ApiProblems.Of(ApiProblems.GatewayIdentityRefused, StatusCodes.Status401Unauthorized,
                "This API answers only requests that come through the platform's gateway, with its signed identity.");
        }

        http.Features.Set(identity);
        return await next(context);
    }
}
