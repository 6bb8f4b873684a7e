using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Schema;

internal sealed partial class SchemaParser
{
    private const int MaxDepth = 64;

    private SchemaType ParseType(string ns, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(Current, "type nested too deeply");
        }

        if (Current.Kind == TokenKind.LBrace)
        {
            return ParseRecordType(ns, depth);
        }

        var start = Current;
        var path = ParsePath();
        if (path == "Set" && Current.Kind == TokenKind.Lt)
        {
            Advance();
            var elem = ParseType(ns, depth + 1);
            Expect(TokenKind.Gt, "'>'");
            return new SetType(elem);
        }

        return path.Length > 0 ? new NamedType(path, ns) : throw Error(start, "expected a type");
    }

    private RecordType ParseRecordType(string ns, int depth)
    {
        Expect(TokenKind.LBrace, "'{'");
        var attrs = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
        while (Current.Kind != TokenKind.RBrace)
        {
            SkipAnnotations();
            var nameTok = Current;
            var name = ParseName();
            var required = true;
            if (Current.Kind == TokenKind.Question)
            {
                Advance();
                required = false;
            }

            Expect(TokenKind.Colon, "':'");
            if (!attrs.TryAdd(name, new AttributeType(ParseType(ns, depth + 1), required)))
            {
                throw Error(nameTok, $"duplicate attribute \"{name}\"");
            }

            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RBrace, "'}'");
        return new RecordType(attrs);
    }

    private List<string> ParsePathList()
    {
        var list = new List<string>();
        if (Current.Kind != TokenKind.LBracket)
        {
            list.Add(ParsePath());
            return list;
        }

        Advance();
        while (Current.Kind != TokenKind.RBracket)
        {
            list.Add(ParsePath());
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RBracket, "']'");
        return list;
    }

    private string ParsePath()
    {
        var parts = new List<string> { Expect(TokenKind.Ident, "name").Text };
        while (Current.Kind == TokenKind.DoubleColon && _tokens[_pos + 1].Kind == TokenKind.Ident)
        {
            Advance();
            parts.Add(Advance().Text);
        }

        return string.Join("::", parts);
    }

    private string ParseName() => Current.Kind == TokenKind.String ? ParseString() : Expect(TokenKind.Ident, "name").Text;

    private string ParseString()
    {
        var tok = Expect(TokenKind.String, "string");
        return StringUnescaper.Unescape(tok.Text) ?? throw Error(tok, "invalid escape sequence");
    }

    private void SkipAnnotations()
    {
        while (Current.Kind == TokenKind.At)
        {
            Advance();
            Expect(TokenKind.Ident, "annotation name");
            if (Current.Kind == TokenKind.LParen)
            {
                Advance();
                Expect(TokenKind.String, "annotation value");
                Expect(TokenKind.RParen, "')'");
            }
        }
    }

    private bool IsWord(string w) => Current.Kind == TokenKind.Ident && Current.Text == w;

    private Token Advance() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, $"expected {what}, found '{Current.Text}'");
        }

        return Advance();
    }

    private static ParseException Error(Token at, string message) => new(new ParseError(message, at.Line, at.Column));
}
