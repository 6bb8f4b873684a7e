using Pmi.Authorization.Ast;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Parsing;

/// <summary>Recursive-descent parser for Cedar policy text (policies and templates).</summary>
internal sealed partial class PolicyParser
{
    private readonly List<Token> _tokens;
    private int _pos;

    private PolicyParser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_pos];

    /// <summary>Parses all policies; ids come from <c>@id</c> or default to <c>policyN</c> by position.</summary>
    public static List<Policy> ParsePolicies(string text)
    {
        var parser = new PolicyParser(Lexer.Tokenize(text));
        var result = new List<Policy>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (parser.Current.Kind != TokenKind.End)
        {
            var start = parser.Current;
            var policy = parser.ParsePolicy("policy" + result.Count);
            if (!ids.Add(policy.Id))
            {
                throw new ParseException(new ParseError($"duplicate policy id \"{policy.Id}\"", start.Line, start.Column));
            }

            result.Add(policy);
        }

        return result;
    }

    /// <summary>Parses a single expression, used by tests and tools.</summary>
    public static Expr ParseExpression(string text)
    {
        var parser = new PolicyParser(Lexer.Tokenize(text));
        var e = parser.ParseExpr();
        parser.Expect(TokenKind.End, "end of input");
        return e;
    }

    private Policy ParsePolicy(string defaultId)
    {
        var annotations = ParseAnnotations();
        var effectTok = Expect(TokenKind.Ident, "permit or forbid");
        var effect = effectTok.Text switch
        {
            "permit" => Effect.Permit,
            "forbid" => Effect.Forbid,
            _ => throw Error(effectTok, $"expected permit or forbid, found '{effectTok.Text}'"),
        };
        Expect(TokenKind.LParen, "'('");
        var principal = ParseScopeVar("principal", SlotKind.Principal);
        Expect(TokenKind.Comma, "','");
        var action = ParseActionScope();
        Expect(TokenKind.Comma, "','");
        var resource = ParseScopeVar("resource", SlotKind.Resource);
        Expect(TokenKind.RParen, "')'");
        var conditions = new List<Condition>();
        while (Current.Kind == TokenKind.Ident && Current.Text is "when" or "unless")
        {
            var isWhen = Advance().Text == "when";
            Expect(TokenKind.LBrace, "'{'");
            var body = ParseExpr();
            Expect(TokenKind.RBrace, "'}'");
            conditions.Add(new Condition(isWhen, body));
        }

        Expect(TokenKind.Semi, "';'");
        var id = annotations.TryGetValue("id", out var explicitId) ? explicitId : defaultId;
        return new Policy(id, effect, annotations, principal, action, resource, conditions, null);
    }

    private Dictionary<string, string> ParseAnnotations()
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Current.Kind == TokenKind.At)
        {
            Advance();
            var key = Expect(TokenKind.Ident, "annotation name");
            var value = string.Empty;
            if (Current.Kind == TokenKind.LParen)
            {
                Advance();
                value = ParseStringLiteral();
                Expect(TokenKind.RParen, "')'");
            }

            if (!annotations.TryAdd(key.Text, value))
            {
                throw Error(key, $"duplicate annotation @{key.Text}");
            }
        }

        return annotations;
    }

    private ScopeConstraint ParseScopeVar(string name, SlotKind slot)
    {
        var tok = Expect(TokenKind.Ident, name);
        if (tok.Text != name)
        {
            throw Error(tok, $"expected {name}, found '{tok.Text}'");
        }

        if (Current.Kind == TokenKind.Eq)
        {
            Advance();
            return ParseScopeTarget(ScopeKind.Eq, null, slot);
        }

        if (IsKeyword("is"))
        {
            Advance();
            var type = ParsePath();
            if (IsKeyword("in"))
            {
                Advance();
                return ParseScopeTarget(ScopeKind.IsIn, type, slot);
            }

            return new ScopeConstraint(ScopeKind.Is, null, type, false);
        }

        if (IsKeyword("in"))
        {
            Advance();
            return ParseScopeTarget(ScopeKind.In, null, slot);
        }

        return ScopeConstraint.Any;
    }

    private ScopeConstraint ParseScopeTarget(ScopeKind kind, string? type, SlotKind slot)
    {
        if (Current.Kind == TokenKind.Question)
        {
            var q = Advance();
            var name = Expect(TokenKind.Ident, "slot name");
            var expected = slot == SlotKind.Principal ? "principal" : "resource";
            if (name.Text != expected)
            {
                throw Error(q, $"expected ?{expected}, found ?{name.Text}");
            }

            return new ScopeConstraint(kind, null, type, true);
        }

        return new ScopeConstraint(kind, ParseEntityUid(), type, false);
    }

    private ActionConstraint ParseActionScope()
    {
        var tok = Expect(TokenKind.Ident, "action");
        if (tok.Text != "action")
        {
            throw Error(tok, $"expected action, found '{tok.Text}'");
        }

        if (Current.Kind == TokenKind.Eq)
        {
            Advance();
            return new ActionConstraint(ScopeKind.Eq, [ParseActionUid()]);
        }

        if (IsKeyword("in"))
        {
            Advance();
            if (Current.Kind != TokenKind.LBracket)
            {
                return new ActionConstraint(ScopeKind.In, [ParseActionUid()]);
            }

            Advance();
            var list = new List<EntityUid>();
            while (Current.Kind != TokenKind.RBracket)
            {
                list.Add(ParseActionUid());
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }

            Expect(TokenKind.RBracket, "']'");
            return new ActionConstraint(ScopeKind.In, list, IsList: true);
        }

        if (IsKeyword("is"))
        {
            throw Error(Current, "'is' is not allowed in the action scope");
        }

        return ActionConstraint.Any;
    }

    private EntityUid ParseActionUid()
    {
        var start = Current;
        var uid = ParseEntityUid();
        if (uid.Type != "Action" && !uid.Type.EndsWith("::Action", StringComparison.Ordinal))
        {
            throw Error(start, $"expected an action entity, found {uid}");
        }

        return uid;
    }

    private EntityUid ParseEntityUid()
    {
        var start = Current;
        var path = new List<string> { Expect(TokenKind.Ident, "entity type").Text };
        while (Current.Kind == TokenKind.DoubleColon)
        {
            Advance();
            if (Current.Kind == TokenKind.String)
            {
                return new EntityUid(string.Join("::", path), ParseStringLiteral());
            }

            path.Add(Expect(TokenKind.Ident, "identifier").Text);
        }

        throw Error(start, "expected an entity literal like Type::\"id\"");
    }

    private string ParsePath()
    {
        var parts = new List<string> { Expect(TokenKind.Ident, "entity type").Text };
        while (Current.Kind == TokenKind.DoubleColon && _tokens[_pos + 1].Kind == TokenKind.Ident)
        {
            Advance();
            parts.Add(Advance().Text);
        }

        return string.Join("::", parts);
    }

    private string ParseStringLiteral()
    {
        var tok = Expect(TokenKind.String, "string literal");
        return StringUnescaper.Unescape(tok.Text) ?? throw Error(tok, "invalid escape sequence in string");
    }

    private bool IsKeyword(string word) => Current.Kind == TokenKind.Ident && Current.Text == word;

    private Token Advance() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, $"expected {what}, found {Describe(Current)}");
        }

        return Advance();
    }

    private static string Describe(Token t) => t.Kind == TokenKind.End ? "end of input" : $"'{t.Text}'";

    private static ParseException Error(Token at, string message) => new(new ParseError(message, at.Line, at.Column));
}
