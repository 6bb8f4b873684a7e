using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class VarExpr(VarKind kind) : Expr
{
    public VarKind Kind { get; } = kind;

    public override Value Evaluate(EvaluationContext ctx) => Kind switch
    {
        VarKind.Principal => ctx.Principal,
        VarKind.Action => ctx.Action,
        VarKind.Resource => ctx.Resource,
        _ => ctx.Context,
    };
}
