using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Identity.Storage.OpenIddict;

/// <summary>The JSON text of list and map columns, read and written the way OpenIddict's own stores do.</summary>
internal static class JsonColumns
{
    public static ImmutableArray<string> Strings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static string? Strings(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? null : JsonSerializer.Serialize(values.AsEnumerable());

    public static ImmutableDictionary<string, JsonElement> Properties(string? json) =>
        string.IsNullOrEmpty(json) ? ImmutableDictionary<string, JsonElement>.Empty
        : (JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []).ToImmutableDictionary();

    public static string? Properties(ImmutableDictionary<string, JsonElement> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values);

    public static ImmutableDictionary<string, string> Settings(string? json) =>
        string.IsNullOrEmpty(json) ? ImmutableDictionary<string, string>.Empty
        : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableDictionary();

    public static string? Settings(ImmutableDictionary<string, string> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values);

    public static ImmutableDictionary<CultureInfo, string> Localized(string? json) =>
        string.IsNullOrEmpty(json) ? ImmutableDictionary<CultureInfo, string>.Empty
        : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableDictionary(p => CultureInfo.GetCultureInfo(p.Key), p => p.Value);

    public static string? Localized(ImmutableDictionary<CultureInfo, string> values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values.ToDictionary(p => p.Key.Name, p => p.Value));
}
