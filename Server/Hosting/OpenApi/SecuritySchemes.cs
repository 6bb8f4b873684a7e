using Microsoft.OpenApi;

namespace Server.Hosting.OpenApi;

/// <summary>The two ways a caller of the platform's own APIs authenticates, as OpenAPI security schemes.</summary>
internal static class SecuritySchemes
{
    public const string MutualTls = "mutualTLS";

    public const string Bearer = "bearer";

    /// <summary>Adds the schemes to <paramref name="document"/> once; the bearer one only where a bearer scheme is enabled.</summary>
    public static void Ensure(OpenApiDocument document, bool bearer)
    {
        document.Components ??= new OpenApiComponents();
        var schemes = document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        schemes.TryAdd(MutualTls, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.MutualTLS,
            Description = "A client certificate of the platform's CA, presented on the HTTPS listener. The roles an operation lists "
                + "are those the certificate (or the person it is bound to) must hold; 'auditor' admits administrators too.",
        });
        if (bearer)
        {
            schemes.TryAdd(Bearer, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token of the platform's own identity provider (discovery: /.well-known/openid-configuration), "
                    + "on the HTTPS listener; certificate-bound tokens need the same client certificate.",
            });
        }
    }
}
