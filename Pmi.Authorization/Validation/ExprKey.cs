using System.Runtime.CompilerServices;
using System.Text;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Validation;

/// <summary>
/// A canonical text for an expression, so that capabilities ("e has a" was checked) can be matched
/// structurally. The action variable prints as the action literal it is checked against.
/// </summary>
internal static class ExprKey
{
    public static string Of(Expr e, EntityUid action)
    {
        var sb = new StringBuilder();
        Write(e, action, sb);
        return sb.ToString();
    }

    private static void Write(Expr e, EntityUid action, StringBuilder sb)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case LiteralExpr l:
                sb.Append(l.Value.TypeName).Append(':').Append(l.Value is EntityValue ev ? ev.Uid.ToString() : l.Value.ToString());
                break;
            case VarExpr { Kind: VarKind.Action }:
                sb.Append("entity:").Append(action.ToString());
                break;
            case SlotExpr slot:
                sb.Append('?').Append(slot.Slot);
                break;
            case VarExpr v:
                sb.Append('$').Append(v.Kind);
                break;
            case GetAttrExpr g:
                sb.Append("(get ");
                Write(g.Target, action, sb);
                sb.Append(' ').Append(Quote(g.Attr)).Append(')');
                break;
            case HasAttrExpr h:
                sb.Append("(has ");
                Write(h.Target, action, sb);
                sb.Append(' ').Append(Quote(h.Attr)).Append(')');
                break;
            case LikeExpr k:
                sb.Append("(like ");
                Write(k.Target, action, sb);
                foreach (var p in k.Pattern)
                {
                    sb.Append(p.IsWildcard ? " *" : " " + Quote(p.Text!));
                }

                sb.Append(')');
                break;
            case IsExpr i:
                sb.Append("(is ").Append(i.EntityType).Append(' ');
                Write(i.Target, action, sb);
                if (i.InExpr is not null)
                {
                    sb.Append(" in ");
                    Write(i.InExpr, action, sb);
                }

                sb.Append(')');
                break;
            case UnaryExpr u:
                Node(sb, action, u.Op.ToString(), u.Operand);
                break;
            case BinaryExpr b:
                Node(sb, action, b.Op.ToString(), b.Left, b.Right);
                break;
            case AndExpr a:
                Node(sb, action, "and", a.Left, a.Right);
                break;
            case OrExpr o:
                Node(sb, action, "or", o.Left, o.Right);
                break;
            case IfExpr f:
                Node(sb, action, "if", f.Condition, f.Then, f.Else);
                break;
            case SetExpr s:
                Node(sb, action, "set", [.. s.Items]);
                break;
            case ExtCallExpr c:
                Node(sb, action, "call " + c.Name, [.. c.Args]);
                break;
            case RecordExpr r:
                sb.Append("(record");
                foreach (var kv in r.Fields)
                {
                    sb.Append(' ').Append(Quote(kv.Key)).Append(' ');
                    Write(kv.Value, action, sb);
                }

                sb.Append(')');
                break;
            default:
                sb.Append('?').Append(e.GetType().Name);
                break;
        }
    }

    private static void Node(StringBuilder sb, EntityUid action, string name, params Expr[] children)
    {
        sb.Append('(').Append(name);
        foreach (var c in children)
        {
            sb.Append(' ');
            Write(c, action, sb);
        }

        sb.Append(')');
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
