using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Server.Hosting.OpenApi;

/// <summary>
/// Which members of a JSON object are required. The generator marks every constructor parameter
/// without a default as required, nullable ones included; but the platform's request records take
/// every member as nullable, so that a missing one is a problem-details answer naming it rather than
/// a serializer error, and its responses leave absent what is null. Here a member is required when
/// it says so (<see cref="RequiredAttribute"/>, <c>required</c>, <c>[JsonRequired]</c>), or when it
/// cannot be null and its constructor parameter has no default; a nullable member is optional.
/// </summary>
internal sealed class RequiredProperties : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var member))
            {
                continue;
            }

            var marked = property.IsRequired || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
            var always = !IsNullable(member, property) && property.AssociatedParameter is { HasDefaultValue: false };
            if (marked || always)
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    private static bool IsNullable(IOpenApiSchema member, JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        // Not shared: a NullabilityInfoContext is not safe for concurrent use.
        || (property.AttributeProvider is PropertyInfo info && new NullabilityInfoContext().Create(info).ReadState == NullabilityState.Nullable)
        || (member.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || member.OneOf?.Any(s => s.Type == JsonSchemaType.Null) == true
        || member.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) == true;
}
