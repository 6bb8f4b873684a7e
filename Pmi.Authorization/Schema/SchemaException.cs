namespace Pmi.Authorization.Schema;

/// <summary>An invalid schema (unresolvable type, duplicate declaration, ...); reported as a result value.</summary>
internal sealed class SchemaException(string message) : Exception(message);
