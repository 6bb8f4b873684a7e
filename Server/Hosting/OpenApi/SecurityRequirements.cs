using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Platform.Security;

namespace Server.Hosting.OpenApi;

/// <summary>
/// Each operation's security, read from its endpoint's authorization metadata: an endpoint that
/// requires authorization (and does not allow anonymous callers) takes a client certificate or a
/// bearer token, with the roles of its policies, and answers 401 and 403 as problem details;
/// anonymous endpoints (the public protocol endpoints) list none.
/// </summary>
internal sealed class SecurityRequirements(IOptions<PlatformAuthenticationOptions> authentication) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            // Said explicitly: an empty list is "no authentication", not "unknown".
            operation.Security = [];
            return Task.CompletedTask;
        }

        var bearer = authentication.Value.BearerTokens;
        var document = context.Document!;
        SecuritySchemes.Ensure(document, bearer);
        // Policies are named after the roles they require (PlatformRoles).
        List<string> roles = [.. authorize.SelectMany(a => (a.Roles?.Split(',') ?? []).Append(a.Policy ?? ""))
            .Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];
        operation.Security = [Requirement(SecuritySchemes.MutualTls, document, roles)];
        if (bearer)
        {
            operation.Security.Add(Requirement(SecuritySchemes.Bearer, document, roles));
        }

        operation.Responses ??= [];
        AddProblem(operation.Responses, document, StatusCodes.Status401Unauthorized,
            "No client certificate or bearer token, or one the platform does not accept.");
        AddProblem(operation.Responses, document, StatusCodes.Status403Forbidden, "The caller does not hold the role this operation requires.");
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document, List<string> roles) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [.. roles] };

    private static void AddProblem(OpenApiResponses responses, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key))
        {
            return;
        }

        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }
}
