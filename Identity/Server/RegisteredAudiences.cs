using OpenIddict.Abstractions;
using System.Collections.Immutable;
using System.Text.Json;

namespace Identity.Server;

/// <summary>The audiences an application was registered for: its property <c>audiences</c>, a JSON array of strings.</summary>
internal static class RegisteredAudiences
{
    public const string Property = "audiences";

    public static async ValueTask<ImmutableArray<string>> ReadAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(Property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
    }
}
