using System.Globalization;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Parsing;

internal sealed partial class PolicyParser
{
    // Bounds recursion so hostile input cannot overflow the stack of the parser or evaluator.
    private const int MaxDepth = 128;

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    private int _depth;

    private Expr ParseExpr()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Current, $"expression nesting exceeds {MaxDepth} levels");
        }

        try
        {
            if (IsKeyword("if"))
            {
                var start = Advance();
                var c = ParseExpr();
                ExpectKeyword("then");
                var t = ParseExpr();
                ExpectKeyword("else");
                var e = ParseExpr();
                return At(new IfExpr(c, t, e), start);
            }

            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseOr()
    {
        var start = Current;
        var left = ParseAnd();
        while (Current.Kind == TokenKind.OrOr)
        {
            Advance();
            left = At(new OrExpr(left, ParseAnd()), start);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var start = Current;
        var left = ParseRelation();
        while (Current.Kind == TokenKind.AndAnd)
        {
            Advance();
            left = At(new AndExpr(left, ParseRelation()), start);
        }

        return left;
    }

    private Expr ParseRelation()
    {
        var start = Current;
        var left = ParseAdd();
        BinaryOp? op = Current.Kind switch
        {
            TokenKind.Eq => BinaryOp.Eq,
            TokenKind.NotEq => BinaryOp.NotEq,
            TokenKind.Lt => BinaryOp.Less,
            TokenKind.LtEq => BinaryOp.LessEq,
            TokenKind.Gt => BinaryOp.Greater,
            TokenKind.GtEq => BinaryOp.GreaterEq,
            _ => null,
        };
        if (op is { } binary)
        {
            Advance();
            return At(new BinaryExpr(binary, left, ParseAdd()), start);
        }

        if (Current.Kind != TokenKind.Ident)
        {
            return left;
        }

        switch (Current.Text)
        {
            case "in":
                Advance();
                return At(new BinaryExpr(BinaryOp.In, left, ParseAdd()), start);
            case "has":
                Advance();
                return ParseHas(left, start);
            case "like":
                Advance();
                var patTok = Expect(TokenKind.String, "pattern string");
                var pattern = StringUnescaper.UnescapePattern(patTok.Text) ?? throw Error(patTok, "invalid escape sequence in pattern");
                return At(new LikeExpr(left, pattern), start);
            case "is":
                Advance();
                var type = ParsePath();
                Expr? inExpr = null;
                if (IsKeyword("in"))
                {
                    Advance();
                    inExpr = ParseAdd();
                }

                return At(new IsExpr(left, type, inExpr), start);
            default:
                return left;
        }
    }

    private Expr ParseHas(Expr target, Token start)
    {
        if (Current.Kind == TokenKind.String)
        {
            return At(new HasAttrExpr(target, ParseStringLiteral()), start);
        }

        // `e has a.b.c` means `e has a && e.a has b && e.a.b has c`.
        var attr = Expect(TokenKind.Ident, "attribute name").Text;
        Expr result = At(new HasAttrExpr(target, attr), start);
        var access = At(new GetAttrExpr(target, attr), start);
        while (Current.Kind == TokenKind.Dot && _tokens[_pos + 1].Kind == TokenKind.Ident)
        {
            Advance();
            var next = Advance().Text;
            result = At(new AndExpr(result, At(new HasAttrExpr(access, next), start)), start);
            access = At(new GetAttrExpr(access, next), start);
        }

        return result;
    }

    private Expr ParseAdd()
    {
        var start = Current;
        var left = ParseMul();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance().Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Sub;
            left = At(new BinaryExpr(op, left, ParseMul()), start);
        }

        return left;
    }

    private Expr ParseMul()
    {
        var start = Current;
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Star)
        {
            Advance();
            left = At(new BinaryExpr(BinaryOp.Mul, left, ParseUnary()), start);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var start = Current;
        if (Current.Kind is not (TokenKind.Bang or TokenKind.Minus))
        {
            return ParseMember();
        }

        var kind = Current.Kind;
        var count = 0;
        while (Current.Kind == kind)
        {
            Advance();
            count++;
        }

        if (count > 4 || Current.Kind is TokenKind.Bang or TokenKind.Minus)
        {
            throw Error(start, "too many or mixed unary operators");
        }

        Expr operand;
        if (kind == TokenKind.Minus && Current.Kind == TokenKind.Int && _tokens[_pos + 1].Kind is not (TokenKind.Dot or TokenKind.LBracket))
        {
            // The minus binds to the literal so that the most negative 64-bit integer can be written.
            var lit = Advance();
            var v = -ParseIntText(lit);
            if (v < long.MinValue)
            {
                throw Error(lit, "integer literal out of range");
            }

            operand = At(new LiteralExpr(LongValue.Of((long)v)), lit);
            count--;
        }
        else
        {
            operand = ParseMember();
        }

        for (var i = 0; i < count; i++)
        {
            operand = At(new UnaryExpr(kind == TokenKind.Bang ? UnaryOp.Not : UnaryOp.Neg, operand), start);
        }

        return operand;
    }

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

    private Expr MakeMethodCall(Expr target, Token name, List<Expr> args)
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

    private Expr ParseRecord()
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

    private void ExpectKeyword(string word)
    {
        if (!IsKeyword(word))
        {
            throw Error(Current, $"expected '{word}', found {Describe(Current)}");
        }

        Advance();
    }

    private static Int128 ParseIntText(Token tok) =>
        tok.Text.Length > 20 ? throw Error(tok, "integer literal out of range") : Int128.Parse(tok.Text, CultureInfo.InvariantCulture);

    private static T At<T>(T e, Token tok)
        where T : Expr
    {
        e.Line = tok.Line;
        e.Column = tok.Column;
        return e;
    }
}
