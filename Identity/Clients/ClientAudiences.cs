using System.Text.Json;
using OpenIddict.Abstractions;

namespace Identity.Clients;

/// <summary>
/// Reads the audiences registered for an application: the resource identifiers its access
/// tokens carry in <c>aud</c>. They are kept twice, as OpenIddict resource permissions
/// (<c>rsrc:…</c>, so a resource indicator outside them is refused) and as the
/// <see cref="ClientProperties.Audiences"/> property, which this reads.
/// </summary>
internal static class ClientAudiences
{
    /// <summary>The application's audiences, in registration order; empty when it has none.</summary>
    public static async ValueTask<IReadOnlyList<string>> ReadAsync(IOpenIddictApplicationManager manager, object application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var properties = await manager.GetPropertiesAsync(application, cancellationToken);
        if (!properties.TryGetValue(ClientProperties.Audiences, out var audiences) || audiences.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. audiences.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)];
    }
}
