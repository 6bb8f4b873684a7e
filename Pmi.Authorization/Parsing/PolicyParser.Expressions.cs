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
