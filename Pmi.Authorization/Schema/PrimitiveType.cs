namespace Pmi.Authorization.Schema;

internal sealed record PrimitiveType(PrimitiveKind Kind) : SchemaType
{
    public static readonly PrimitiveType Bool = new(PrimitiveKind.Bool);
    public static readonly PrimitiveType Long = new(PrimitiveKind.Long);
    public static readonly PrimitiveType String = new(PrimitiveKind.String);
}
