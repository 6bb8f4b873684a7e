namespace Pmi.Authorization.Schema;

internal sealed record RecordType(IReadOnlyDictionary<string, AttributeType> Attributes, bool Open = false) : SchemaType
{
    public static readonly RecordType Empty = new(new Dictionary<string, AttributeType>(StringComparer.Ordinal));
}
