using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Http;

namespace Server.Hosting.OpenApi;

/// <summary>The request body of a protocol endpoint, from its <see cref="DescribedBody"/>: each media type it reads, with the body's schema.</summary>
internal sealed class DescribedBodies : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DescribedBody>().LastOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        foreach (var mediaType in body.MediaTypes)
        {
            content[mediaType] = new OpenApiMediaType { Schema = schema };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }
}
