using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Server.Hosting.OpenApi;

/// <summary>
/// The OpenAPI description at <c>/openapi/v1.json</c> (OpenAPI 3.1, every operation with the
/// summary its module gives it) and the interactive API page at <see cref="PagePath"/>, served from
/// this host alone.
/// </summary>
internal static class OpenApiDescription
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string PagePath = "/api-docs";

    public static void Add(IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer<DocumentServers>();
        options.AddOperationTransformer<SecurityRequirements>();
        options.AddOperationTransformer<OperationShape>();
        options.AddOperationTransformer<DescribedBodies>();
        options.AddSchemaTransformer<RequiredProperties>();
    });

    public static void Map(WebApplication app)
    {
        app.MapOpenApi();
        ApiReferencePage.Map(app, PagePath, DocumentPath);
    }
}
