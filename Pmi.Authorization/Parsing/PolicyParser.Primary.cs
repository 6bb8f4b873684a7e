using Pmi.Authorization.Ast;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Parsing;

internal sealed partial class PolicyParser
{
    private Expr ParseMember()
    {
        var start = Current;
        var e = ParsePrimary();
        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Expect(TokenKind.Ident, "attribute or method name");
                if (Current.Kind == TokenKind.LParen)
                {
                    e = At(MakeMethodCall(e, name, ParseArgs()), start);
                }
                else
                {
                    e = At(new GetAttrExpr(e, name.Text), start);
                }
            }
            else if (Current.Kind == TokenKind.LBracket)
            {
                Advance();
                var attr = ParseStringLiteral();
                Expect(TokenKind.RBracket, "']'");
                e = At(new GetAttrExpr(e, attr), start);
            }
            else
            {
                return e;
            }
        }
    }

    private static Expr MakeMethodCall(Expr target, Token name, List<Expr> args)
    {
        BinaryOp? binary = name.Text switch
        {
            "contains" => BinaryOp.Contains,
            "containsAll" => BinaryOp.ContainsAll,
            "containsAny" => BinaryOp.ContainsAny,
            "hasTag" => BinaryOp.HasTag,
            "getTag" => BinaryOp.GetTag,
            _ => null,
        };
        if (binary is { } op)
        {
            return args.Count == 1 ? new BinaryExpr(op, target, args[0]) : throw Error(name, $"{name.Text} takes exactly one argument");
        }

        if (name.Text == "isEmpty")
        {
            return args.Count == 0 ? new UnaryExpr(UnaryOp.IsEmpty, target) : throw Error(name, "isEmpty takes no arguments");
        }

        if (ExtensionFunctions.Methods.ContainsKey(name.Text))
        {
            // A wrong argument count is an evaluation error in Cedar, not a syntax error.
            args.Insert(0, target);
            return new ExtCallExpr(name.Text, args);
        }

        throw Error(name, $"unknown method '{name.Text}'");
    }

    private List<Expr> ParseArgs()
    {
        Expect(TokenKind.LParen, "'('");
        var args = new List<Expr>();
        while (Current.Kind != TokenKind.RParen)
        {
            args.Add(ParseExpr());
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RParen, "')'");
        return args;
    }

    private Expr ParsePrimary()
    {
        var tok = Current;
        switch (tok.Kind)
        {
            case TokenKind.Int:
                Advance();
                var v = ParseIntText(tok);
                return v > long.MaxValue ? throw Error(tok, "integer literal out of range") : At(new LiteralExpr(LongValue.Of((long)v)), tok);
            case TokenKind.String:
                return At(new LiteralExpr(new StringValue(ParseStringLiteral())), tok);
            case TokenKind.LParen:
                Advance();
                var inner = ParseExpr();
                Expect(TokenKind.RParen, "')'");
                return inner;
            case TokenKind.LBracket:
                return At(new SetExpr(ParseList()), tok);
            case TokenKind.LBrace:
                return ParseRecord();
            case TokenKind.Question:
                throw Error(tok, "template slots are only allowed in the policy scope");
            case TokenKind.Ident:
                return ParseIdentPrimary();
            default:
                throw Error(tok, $"unexpected {Describe(tok)}");
        }
    }

    private Expr ParseIdentPrimary()
    {
        var tok = Advance();
        switch (tok.Text)
        {
            case "true": return At(new LiteralExpr(BoolValue.True), tok);
            case "false": return At(new LiteralExpr(BoolValue.False), tok);
            case "principal": return At(new VarExpr(VarKind.Principal), tok);
            case "action": return At(new VarExpr(VarKind.Action), tok);
            case "resource": return At(new VarExpr(VarKind.Resource), tok);
            case "context": return At(new VarExpr(VarKind.Context), tok);
        }

        if (Reserved.Contains(tok.Text))
        {
            throw Error(tok, $"unexpected keyword '{tok.Text}'");
        }

        var path = new List<string> { tok.Text };
        while (Current.Kind == TokenKind.DoubleColon)
        {
            Advance();
            if (Current.Kind == TokenKind.String)
            {
                var id = ParseStringLiteral();
                return At(new LiteralExpr(new EntityValue(new EntityUid(string.Join("::", path), id))), tok);
            }

            path.Add(Expect(TokenKind.Ident, "identifier").Text);
        }

        if (Current.Kind == TokenKind.LParen && path.Count == 1)
        {
            if (!ExtensionFunctions.Constructors.Contains(tok.Text))
            {
                throw Error(tok, ExtensionFunctions.Methods.ContainsKey(tok.Text) ? $"'{tok.Text}' is a method, not a function" : $"unknown function '{tok.Text}'");
            }

            return At(new ExtCallExpr(tok.Text, ParseArgs()), tok);
        }

        throw Error(tok, $"unexpected identifier '{string.Join("::", path)}'");
    }

    private List<Expr> ParseList()
    {
        Expect(TokenKind.LBracket, "'['");
        var items = new List<Expr>();
        while (Current.Kind != TokenKind.RBracket)
        {
            items.Add(ParseExpr());
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RBracket, "']'");
        return items;
    }

    private RecordExpr ParseRecord()
    {
        var start = Expect(TokenKind.LBrace, "'{'");
        var fields = new List<KeyValuePair<string, Expr>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (Current.Kind != TokenKind.RBrace)
        {
            var keyTok = Current;
            var key = keyTok.Kind == TokenKind.String ? ParseStringLiteral() : Expect(TokenKind.Ident, "record key").Text;
            if (!keys.Add(key))
            {
                throw Error(keyTok, $"duplicate record key \"{key}\"");
            }

            Expect(TokenKind.Colon, "':'");
            fields.Add(new KeyValuePair<string, Expr>(key, ParseExpr()));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RBrace, "'}'");
        return At(new RecordExpr(fields), start);
    }
}
