using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Evaluation;

/// <summary>Checked conversions of runtime values; a wrong type is a Cedar type error.</summary>
internal static class ValueOps
{
    public static bool AsBool(Value v) => v is BoolValue b ? b.Value : throw TypeError("bool", v);

    public static long AsLong(Value v) => v is LongValue l ? l.Value : throw TypeError("long", v);

    public static string AsString(Value v) => v is StringValue s ? s.Value : throw TypeError("string", v);

    public static EntityUid AsEntity(Value v) => v is EntityValue e ? e.Uid : throw TypeError("entity", v);

    public static SetValue AsSet(Value v) => v as SetValue ?? throw TypeError("set", v);

    public static T AsExtension<T>(Value v, string name)
        where T : Value => v as T ?? throw TypeError(name, v);

    public static EvaluationException TypeError(string expected, Value actual) =>
        new($"type error: expected {expected}, got {actual.TypeName}");

    public static LongValue Checked(Int128 v) =>
        v < long.MinValue || v > long.MaxValue ? throw new EvaluationException("integer overflow") : LongValue.Of((long)v);

    public static bool In(EntityUid lhs, Value rhs, Entities entities)
    {
        if (rhs is EntityValue e)
        {
            return entities.IsDescendantOf(lhs, e.Uid);
        }

        if (rhs is SetValue s)
        {
            // Every element must be an entity even when an earlier one already matched.
            var found = false;
            foreach (var item in s.Items)
            {
                var uid = AsEntity(item);
                found = found || entities.IsDescendantOf(lhs, uid);
            }

            return found;
        }

        throw TypeError("entity or set", rhs);
    }

    public static Dictionary<string, Value> AttrsOf(Value v, Entities entities, bool forHas)
    {
        switch (v)
        {
            case RecordValue r:
                return r.Attrs;
            case EntityValue e:
                if (entities.Map.TryGetValue(e.Uid, out var entity))
                {
                    return entity.Attrs;
                }

                return forHas ? RecordValue.Empty.Attrs : throw new EvaluationException($"entity {e.Uid} does not exist");
            default:
                throw TypeError("entity or record", v);
        }
    }
}
