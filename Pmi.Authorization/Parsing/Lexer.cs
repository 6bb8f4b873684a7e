namespace Pmi.Authorization.Parsing;

/// <summary>Splits Cedar policy or schema text into tokens, skipping whitespace and <c>//</c> comments.</summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string text) => _text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        Token t;
        do
        {
            t = lexer.Next();
            tokens.Add(t);
        }
        while (t.Kind != TokenKind.End);
        return tokens;
    }

    private Token Next()
    {
        SkipTrivia();
        var line = _line;
        var col = _pos - _lineStart + 1;
        if (_pos >= _text.Length)
        {
            return new Token(TokenKind.End, string.Empty, line, col);
        }

        var c = _text[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            return new Token(TokenKind.Ident, _text[start.._pos], line, col);
        }

        if (char.IsAsciiDigit(c))
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            return new Token(TokenKind.Int, _text[start.._pos], line, col);
        }

        if (c == '"')
        {
            return LexString(line, col);
        }

        var punctStart = _pos++;
        var next = _pos < _text.Length ? _text[_pos] : '\0';
        var kind = c switch
        {
            '(' => TokenKind.LParen,
            ')' => TokenKind.RParen,
            '[' => TokenKind.LBracket,
            ']' => TokenKind.RBracket,
            '{' => TokenKind.LBrace,
            '}' => TokenKind.RBrace,
            ',' => TokenKind.Comma,
            ';' => TokenKind.Semi,
            '.' => TokenKind.Dot,
            '@' => TokenKind.At,
            '?' => TokenKind.Question,
            '+' => TokenKind.Plus,
            '-' => TokenKind.Minus,
            '*' => TokenKind.Star,
            ':' => Two(next, ':', TokenKind.DoubleColon, TokenKind.Colon),
            '=' => Two(next, '=', TokenKind.Eq, TokenKind.Assign),
            '!' => Two(next, '=', TokenKind.NotEq, TokenKind.Bang),
            '<' => Two(next, '=', TokenKind.LtEq, TokenKind.Lt),
            '>' => Two(next, '=', TokenKind.GtEq, TokenKind.Gt),
            '&' when next == '&' => Two(next, '&', TokenKind.AndAnd, TokenKind.AndAnd),
            '|' when next == '|' => Two(next, '|', TokenKind.OrOr, TokenKind.OrOr),
            _ => throw new ParseException(new ParseError($"unexpected character '{c}'", line, col)),
        };
        return new Token(kind, _text[punctStart.._pos], line, col);
    }

    private TokenKind Two(char next, char expected, TokenKind ifTwo, TokenKind ifOne)
    {
        if (next == expected)
        {
            _pos++;
            return ifTwo;
        }

        return ifOne;
    }

    private Token LexString(int line, int col)
    {
        _pos++;
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\')
            {
                _pos++;
            }
            else if (_text[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            _pos++;
        }

        if (_pos >= _text.Length)
        {
            throw new ParseException(new ParseError("unterminated string literal", line, col));
        }

        var raw = _text[start.._pos];
        _pos++;
        return new Token(TokenKind.String, raw, line, col);
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }
}
