using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Validation;

/// <summary>Least upper bounds and conversion of schema types; strict mode has no union types.</summary>
internal static class TypeOps
{
    public static CedarType? Lub(CedarType a, CedarType b)
    {
        switch (a, b)
        {
            case (BoolType x, BoolType y):
                return x.Kind == y.Kind ? x : BoolType.Any;
            case (SetOfType x, SetOfType y):
                var e = Lub(x.Element, y.Element);
                return e is null ? null : new SetOfType(e);
            case (RecordOfType x, RecordOfType y):
                if (x.Attributes.Count != y.Attributes.Count)
                {
                    return null;
                }

                var attrs = new Dictionary<string, QualifiedType>(StringComparer.Ordinal);
                foreach (var kv in x.Attributes)
                {
                    if (!y.Attributes.TryGetValue(kv.Key, out var other))
                    {
                        return null;
                    }

                    var t = Lub(kv.Value.Type, other.Type);
                    if (t is null)
                    {
                        return null;
                    }

                    attrs[kv.Key] = new QualifiedType(t, kv.Value.Required && other.Required);
                }

                return new RecordOfType(attrs);
            default:
                return a.Equals(b) ? a : null;
        }
    }

    public static CedarType FromSchema(SchemaType t) => t switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => BoolType.Any,
        PrimitiveType { Kind: PrimitiveKind.Long } => IntType.Instance,
        PrimitiveType => StringType.Instance,
        SetType s => new SetOfType(FromSchema(s.Element)),
        EntityRefType e => new EntityType(e.Name),
        ExtensionType x => new ExtType(x.Name),
        RecordType r => FromSchema(r),
        _ => throw new InvalidOperationException("unresolved schema type " + t),
    };

    public static RecordOfType FromSchema(RecordType r)
    {
        var attrs = new Dictionary<string, QualifiedType>(StringComparer.Ordinal);
        foreach (var kv in r.Attributes)
        {
            attrs[kv.Key] = new QualifiedType(FromSchema(kv.Value.Type), kv.Value.Required);
        }

        return new RecordOfType(attrs);
    }
}
