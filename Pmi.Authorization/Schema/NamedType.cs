namespace Pmi.Authorization.Schema;

/// <summary>A reference to a common, entity or builtin type, before name resolution.</summary>
internal sealed record NamedType(string Name, string Namespace) : SchemaType;
