namespace Pmi.Authorization.Schema;

internal sealed record EntityRefType(string Name) : SchemaType;
