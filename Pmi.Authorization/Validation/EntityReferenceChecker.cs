using System.Runtime.CompilerServices;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Validation;

/// <summary>
/// Reports entity literals and <c>is</c> types the schema does not declare, anywhere in a policy —
/// including branches the typechecker skips.
/// </summary>
internal static class EntityReferenceChecker
{
    public static void Check(Expr e, SchemaInfo schema)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case LiteralExpr { Value: EntityValue ev }:
                if (!schema.IsValidEntityUid(ev.Uid) && !schema.IsAction(ev.Uid))
                {
                    throw new TypeCheckException($"unknown entity {ev.Uid}", e.Line, e.Column);
                }

                break;
            case IsExpr i:
                if (!schema.IsEntityType(i.EntityType))
                {
                    throw new TypeCheckException($"unknown entity type {i.EntityType}", e.Line, e.Column);
                }

                Check(i.Target, schema);
                if (i.InExpr is not null)
                {
                    Check(i.InExpr, schema);
                }

                break;
            case IfExpr f:
                Check(f.Condition, schema);
                Check(f.Then, schema);
                Check(f.Else, schema);
                break;
            case AndExpr a:
                Check(a.Left, schema);
                Check(a.Right, schema);
                break;
            case OrExpr o:
                Check(o.Left, schema);
                Check(o.Right, schema);
                break;
            case BinaryExpr b:
                Check(b.Left, schema);
                Check(b.Right, schema);
                break;
            case UnaryExpr u:
                Check(u.Operand, schema);
                break;
            case GetAttrExpr g:
                Check(g.Target, schema);
                break;
            case HasAttrExpr h:
                Check(h.Target, schema);
                break;
            case LikeExpr l:
                Check(l.Target, schema);
                break;
            case SetExpr s:
                foreach (var item in s.Items)
                {
                    Check(item, schema);
                }

                break;
            case ExtCallExpr c:
                foreach (var arg in c.Args)
                {
                    Check(arg, schema);
                }

                break;
            case RecordExpr r:
                foreach (var kv in r.Fields)
                {
                    Check(kv.Value, schema);
                }

                break;
        }
    }
}
