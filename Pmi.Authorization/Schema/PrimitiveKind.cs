namespace Pmi.Authorization.Schema;

internal enum PrimitiveKind
{
    Bool,
    Long,
    String,
}
