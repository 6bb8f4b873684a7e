namespace Pmi.Authorization.Schema;

/// <summary>One of <c>ipaddr</c>, <c>decimal</c>, <c>datetime</c>, <c>duration</c>.</summary>
internal sealed record ExtensionType(string Name) : SchemaType;
