using System.Globalization;
using System.Text;

namespace Pmi.Authorization.Parsing;

/// <summary>
/// Decodes Cedar string escapes (<c>\n \r \t \\ \0 \' \" \xHH \u{H..}</c>). In patterns, <c>\*</c> is a
/// literal star and a bare <c>*</c> a wildcard.
/// </summary>
internal static class StringUnescaper
{
    public static string? Unescape(string raw) => Decode(raw, null);

    /// <summary>Decodes a <c>like</c> pattern into literal segments and wildcards.</summary>
    public static List<PatternElement>? UnescapePattern(string raw)
    {
        var elems = new List<PatternElement>();
        return Decode(raw, elems) is null ? null : elems;
    }

    private static string? Decode(string raw, List<PatternElement>? pattern)
    {
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '*' && pattern is not null)
            {
                Flush(sb, pattern);
                pattern.Add(PatternElement.Wildcard);
                continue;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= raw.Length)
            {
                return null;
            }

            switch (raw[i])
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case '0': sb.Append('\0'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '*' when pattern is not null: sb.Append('*'); break;
                case 'x':
                    if (i + 2 >= raw.Length || !int.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var x) || x > 0x7F)
                    {
                        return null;
                    }

                    sb.Append((char)x);
                    i += 2;
                    break;
                case 'u':
                    var close = raw.IndexOf('}', i);
                    if (i + 1 >= raw.Length || raw[i + 1] != '{' || close < 0 || close - i - 2 is < 1 or > 6
                        || !int.TryParse(raw.AsSpan(i + 2, close - i - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u)
                        || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
                    {
                        return null;
                    }

                    sb.Append(char.ConvertFromUtf32(u));
                    i = close;
                    break;
                default:
                    return null;
            }
        }

        if (pattern is not null)
        {
            Flush(sb, pattern);
        }

        return sb.ToString();
    }

    private static void Flush(StringBuilder sb, List<PatternElement> pattern)
    {
        if (sb.Length > 0)
        {
            pattern.Add(PatternElement.Literal(sb.ToString()));
            sb.Clear();
        }
    }
}
