using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

/// <summary>
/// The scope test of an unfilled template slot, used only when validating a template: it may be
/// true or false depending on the entity linked later.
/// </summary>
internal sealed class SlotExpr(SlotKind slot) : Expr
{
    public SlotKind Slot { get; } = slot;

    // Templates are never evaluated; only their linked policies are.
    public override Value Evaluate(EvaluationContext ctx) => ctx.Fail("an unlinked template slot cannot be evaluated");
}
