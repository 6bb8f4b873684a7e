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

        _pos++;
        var next = _pos < _text.Length ? _text[_pos] : '\0';
        TokenKind kind;
        switch (c)
        {
            case '(': kind = TokenKind.LParen; break;
            case ')': kind = TokenKind.RParen; break;
            case '[': kind = TokenKind.LBracket; break;
            case ']': kind = TokenKind.RBracket; break;
            case '{': kind = TokenKind.LBrace; break;
            case '}': kind = TokenKind.RBrace; break;
            case ',': kind = TokenKind.Comma; break;
            case ';': kind = TokenKind.Semi; break;
            case '.': kind = TokenKind.Dot; break;
            case '@': kind = TokenKind.At; break;
            case '?': kind = TokenKind.Question; break;
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '*': kind = TokenKind.Star; break;
            case ':': kind = Two(next, ':', TokenKind.DoubleColon, TokenKind.Colon); break;
            case '=': kind = Two(next, '=', TokenKind.Eq, TokenKind.Assign); break;
            case '!': kind = Two(next, '=', TokenKind.NotEq, TokenKind.Bang); break;
            case '<': kind = Two(next, '=', TokenKind.LtEq, TokenKind.Lt); break;
            case '>': kind = Two(next, '=', TokenKind.GtEq, TokenKind.Gt); break;
            case '&' when next == '&': _pos++; kind = TokenKind.AndAnd; break;
            case '|' when next == '|': _pos++; kind = TokenKind.OrOr; break;
            default: throw new ParseException(new ParseError($"unexpected character '{c}'", line, col));
        }

        return new Token(kind, _text.Substring(_pos - (kind is TokenKind.DoubleColon or TokenKind.Eq or TokenKind.NotEq or TokenKind.LtEq or TokenKind.GtEq or TokenKind.AndAnd or TokenKind.OrOr ? 2 : 1), kind is TokenKind.DoubleColon or TokenKind.Eq or TokenKind.NotEq or TokenKind.LtEq or TokenKind.GtEq or TokenKind.AndAnd or TokenKind.OrOr ? 2 : 1), line, col);
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
