namespace Pmi.Authorization.Schema;

internal sealed record SetType(SchemaType Element) : SchemaType;
