namespace Pmi.Authorization.Schema;

internal sealed record AttributeType(SchemaType Type, bool Required);
