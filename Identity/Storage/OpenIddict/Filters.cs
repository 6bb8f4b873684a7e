namespace Identity.Storage.OpenIddict;

/// <summary>A WHERE clause from OpenIddict's optional filters: each given value must match its column, the rest match anything.</summary>
internal static class Filters
{
    public static (string Where, (string Name, object? Value)[] Parameters) Of(params (string Column, string? Value)[] filters)
    {
        var given = filters.Where(f => f.Value is not null).ToArray();
        return (given.Length == 0 ? "" : "WHERE " + string.Join(" AND ", given.Select(f => $"{f.Column} = @{f.Column}")),
            [.. given.Select(f => (f.Column, (object?)f.Value))]);
    }
}
