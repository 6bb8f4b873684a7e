using Pmi.Authorization.Ast;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Validation;

/// <summary>
/// Turns a policy into the single expression Cedar typechecks:
/// <c>principalScope &amp;&amp; (actionScope &amp;&amp; (resourceScope &amp;&amp; (c1 &amp;&amp; (c2 &amp;&amp; true))))</c>,
/// with <c>unless { e }</c> as <c>!e</c>.
/// </summary>
internal static class PolicyExpression
{
    public static Expr Build(Policy p)
    {
        Expr conditions = True();
        for (var i = p.Conditions.Count - 1; i >= 0; i--)
        {
            var c = p.Conditions[i];
            var body = c.IsWhen ? c.Body : new UnaryExpr(UnaryOp.Not, c.Body) { Line = c.Body.Line, Column = c.Body.Column };
            conditions = new AndExpr(body, conditions) { Line = body.Line, Column = body.Column };
        }

        return new AndExpr(Scope(p.Principal, VarKind.Principal), new AndExpr(Action(p.Action), new AndExpr(Scope(p.Resource, VarKind.Resource), conditions)));
    }

    private static Expr Scope(ScopeConstraint s, VarKind v)
    {
        var variable = new VarExpr(v);
        if (s.IsSlot)
        {
            var slot = new SlotExpr(v == VarKind.Principal ? SlotKind.Principal : SlotKind.Resource);
            return s.Kind == ScopeKind.IsIn ? new AndExpr(new IsExpr(variable, s.EntityType!, null), slot) : slot;
        }

        return s.Kind switch
        {
            ScopeKind.Any => True(),
            ScopeKind.Eq => new BinaryExpr(BinaryOp.Eq, variable, Lit(s.Entity)),
            ScopeKind.In => new BinaryExpr(BinaryOp.In, variable, Lit(s.Entity)),
            ScopeKind.Is => new IsExpr(variable, s.EntityType!, null),
            _ => new AndExpr(new IsExpr(variable, s.EntityType!, null), new BinaryExpr(BinaryOp.In, variable, Lit(s.Entity))),
        };
    }

    private static Expr Action(ActionConstraint a)
    {
        var variable = new VarExpr(VarKind.Action);
        return a.Kind switch
        {
            ScopeKind.Any => True(),
            ScopeKind.Eq => new BinaryExpr(BinaryOp.Eq, variable, Lit(a.Entities[0])),
            _ when a.Entities.Count == 1 && !a.IsList => new BinaryExpr(BinaryOp.In, variable, Lit(a.Entities[0])),
            _ => new BinaryExpr(BinaryOp.In, variable, new SetExpr([.. a.Entities.Select(e => (Expr)Lit(e))])),
        };
    }

    private static LiteralExpr Lit(EntityUid? uid) => new(new EntityValue(uid!.Value));

    private static LiteralExpr True() => new(BoolValue.True);
}
