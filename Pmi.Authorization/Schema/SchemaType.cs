namespace Pmi.Authorization.Schema;

/// <summary>A type as declared in a schema.</summary>
internal abstract record SchemaType;
