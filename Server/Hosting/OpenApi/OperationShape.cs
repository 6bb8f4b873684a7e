using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using System.Text.RegularExpressions;

namespace Server.Hosting.OpenApi;

/// <summary>
/// What the generator leaves out of an operation for endpoints whose handler binds nothing itself:
/// the path parameters its route declares (the OCSP request in the path), and an operation id of
/// its own for each method of an endpoint mapped for several (ACME's GET and HEAD).
/// </summary>
internal sealed partial class OperationShape : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (operation.OperationId is { } id && string.Equals(description.HttpMethod, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            operation.OperationId = id + "Head";
        }

        foreach (Match match in RouteParameter().Matches(description.RelativePath ?? ""))
        {
            var name = match.Groups["name"].Value;
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path && p.Name == name) == true)
            {
                continue;
            }

            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}
