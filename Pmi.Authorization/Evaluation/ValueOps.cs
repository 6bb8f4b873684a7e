using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Evaluation;

/// <summary>Shared operator semantics; errors are reported through the context, never thrown.</summary>
internal static class ValueOps
{
    public static Value Checked(Int128 v, EvaluationContext ctx) =>
        v < long.MinValue || v > long.MaxValue ? ctx.Fail("integer overflow") : LongValue.Of((long)v);

    /// <summary><c>lhs in rhs</c> for an entity <paramref name="lhs"/>; rhs must be an entity or a set of entities.</summary>
    public static Value In(EntityUid lhs, Value rhs, EvaluationContext ctx)
    {
        if (rhs is EntityValue e)
        {
            return BoolValue.Of(ctx.Entities.IsDescendantOf(lhs, e.Uid));
        }

        if (rhs is not SetValue s)
        {
            return ctx.TypeError("entity or set", rhs);
        }

        // Every element must be an entity even when an earlier one already matched.
        var found = false;
        foreach (var item in s.Items)
        {
            if (item is not EntityValue ev)
            {
                return ctx.TypeError("entity", item);
            }

            found = found || ctx.Entities.IsDescendantOf(lhs, ev.Uid);
        }

        return BoolValue.Of(found);
    }

    /// <summary>The attributes of a record or entity; null (with the error recorded) otherwise.</summary>
    public static Dictionary<string, Value>? AttrsOf(Value v, EvaluationContext ctx, bool forHas)
    {
        switch (v)
        {
            case RecordValue r:
                return r.Attrs;
            case EntityValue e:
                if (ctx.Entities.Map.TryGetValue(e.Uid, out var entity))
                {
                    return entity.Attrs;
                }

                if (forHas)
                {
                    return RecordValue.Empty.Attrs;
                }

                ctx.Fail($"entity {e.Uid} does not exist");
                return null;
            default:
                ctx.TypeError("entity or record", v);
                return null;
        }
    }
}
