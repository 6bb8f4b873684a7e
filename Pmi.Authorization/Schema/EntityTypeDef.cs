namespace Pmi.Authorization.Schema;

/// <summary>An entity type: allowed parent types, attributes, optional tag type and enumerated ids.</summary>
internal sealed class EntityTypeDef(string name)
{
    public string Name { get; } = name;

    public List<string> MemberOf { get; } = [];

    public RecordType Attributes { get; set; } = RecordType.Empty;

    public SchemaType? Tags { get; set; }

    public List<string>? EnumValues { get; set; }
}
