using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Audit.Events;

/// <summary>
/// Writes JSON in the RFC 8785 JSON Canonicalization Scheme: object members sorted by the UTF-16
/// code units of their names, no insignificant white space, strings escaped exactly as
/// ECMAScript's JSON.stringify does, and (in the subset we allow) numbers as plain integers.
/// </summary>
internal sealed class CanonicalJson
{
    /// <summary>The largest integer every JSON implementation represents exactly (2^53 − 1).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private readonly StringBuilder _out = new();
    private readonly int _maxDepth;

    public CanonicalJson(int maxDepth) => _maxDepth = maxDepth;

    public override string ToString() => _out.ToString();

    /// <summary>
    /// Writes a value: <see langword="null"/>, <see cref="string"/>, <see cref="bool"/>,
    /// <see cref="long"/>, <see cref="JsonElement"/>, or a dictionary of names to such values.
    /// </summary>
    public EncodingError Write(object? value, int depth)
    {
        if (depth > _maxDepth)
        {
            return EncodingError.TooDeep;
        }

        switch (value)
        {
            case null:
                _out.Append("null");
                return EncodingError.None;
            case string s:
                return WriteString(s);
            case bool b:
                _out.Append(b ? "true" : "false");
                return EncodingError.None;
            case long n:
                return WriteInteger(n);
            case JsonElement element:
                try
                {
                    return WriteElement(element, depth);
                }
                catch (InvalidOperationException)
                {
                    // A JSON escape of an unpaired surrogate cannot become a .NET string.
                    return EncodingError.InvalidString;
                }

            case IReadOnlyDictionary<string, object?> members:
                return WriteObject(members.Select(m => (m.Key, (object?)m.Value)), depth);
            default:
                throw new ArgumentException($"Type {value.GetType()} has no canonical form.", nameof(value));
        }
    }

    private EncodingError WriteObject(IEnumerable<(string Name, object? Value)> members, int depth)
    {
        var sorted = members.ToList();

        // string.CompareOrdinal compares UTF-16 code units, which is exactly RFC 8785's order.
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1].Name, sorted[i].Name, StringComparison.Ordinal))
            {
                return EncodingError.DuplicateKey;
            }
        }

        _out.Append('{');
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                _out.Append(',');
            }

            var error = WriteString(sorted[i].Name);
            if (error != EncodingError.None)
            {
                return error;
            }

            _out.Append(':');
            error = Write(sorted[i].Value, depth + 1);
            if (error != EncodingError.None)
            {
                return error;
            }
        }

        _out.Append('}');
        return EncodingError.None;
    }

    private EncodingError WriteElement(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return Write(null, depth);
            case JsonValueKind.True:
                return Write(true, depth);
            case JsonValueKind.False:
                return Write(false, depth);
            case JsonValueKind.String:
                return WriteString(element.GetString()!);
            case JsonValueKind.Number:
                // TryGetInt64 refuses "1.0" and "1e2": integers must be spelled as integers, so
                // nobody has to reproduce ECMAScript's number formatting to recompute an entry.
                return element.TryGetInt64(out var n) ? WriteInteger(n) : EncodingError.UnsupportedNumber;
            case JsonValueKind.Array:
                _out.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        _out.Append(',');
                    }

                    first = false;
                    var error = Write(item, depth + 1);
                    if (error != EncodingError.None)
                    {
                        return error;
                    }
                }

                _out.Append(']');
                return EncodingError.None;
            case JsonValueKind.Object:
                return WriteObject(element.EnumerateObject().Select(p => (p.Name, (object?)p.Value)), depth);
            default:
                return EncodingError.InvalidField;
        }
    }

    private EncodingError WriteInteger(long n)
    {
        if (n is > MaxSafeInteger or < -MaxSafeInteger)
        {
            return EncodingError.UnsupportedNumber;
        }

        _out.Append(n.ToString(CultureInfo.InvariantCulture));
        return EncodingError.None;
    }

    private EncodingError WriteString(string s)
    {
        _out.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                _out.Append(c).Append(s[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return EncodingError.InvalidString;
            }

            switch (c)
            {
                case '"': _out.Append("\\\""); break;
                case '\\': _out.Append("\\\\"); break;
                case '\b': _out.Append("\\b"); break;
                case '\f': _out.Append("\\f"); break;
                case '\n': _out.Append("\\n"); break;
                case '\r': _out.Append("\\r"); break;
                case '\t': _out.Append("\\t"); break;
                case < ' ': _out.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: _out.Append(c); break;
            }
        }

        _out.Append('"');
        return EncodingError.None;
    }
}
