namespace Identity.Storage.OpenIddict;

/// <summary>A scope applications may ask for, and the resources (audiences) it grants access to, as stored.</summary>
internal sealed class IdentityScope
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Descriptions { get; set; }
    public string? DisplayName { get; set; }
    public string? DisplayNames { get; set; }
    public string? Properties { get; set; }
    public string? Resources { get; set; }
    public string? ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("n");

    public static TableMap<IdentityScope> Map { get; } = new("scopes",
        new("id", e => e.Id, (e, v) => e.Id = (string)v!),
        new("name", e => e.Name, (e, v) => e.Name = (string?)v),
        new("description", e => e.Description, (e, v) => e.Description = (string?)v),
        new("descriptions", e => e.Descriptions, (e, v) => e.Descriptions = (string?)v),
        new("display_name", e => e.DisplayName, (e, v) => e.DisplayName = (string?)v),
        new("display_names", e => e.DisplayNames, (e, v) => e.DisplayNames = (string?)v),
        new("properties", e => e.Properties, (e, v) => e.Properties = (string?)v),
        new("resources", e => e.Resources, (e, v) => e.Resources = (string?)v),
        new("concurrency_token", e => e.ConcurrencyToken, (e, v) => e.ConcurrencyToken = (string?)v));
}
