using System.Text.Json;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Json;

/// <summary>
/// Reads Cedar values from JSON: <c>__entity</c> and <c>__extn</c> escapes, and — when the schema
/// gives an expected type — implicit entity references and extension values written as strings.
/// </summary>
internal static class JsonValueReader
{
    /// <summary>Deepest nesting accepted, so hostile documents cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    public static Value Read(JsonElement e, SchemaType? expected, CedarSchema? schema, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonFormatException("value nested too deeply");
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.True:
                return BoolValue.True;
            case JsonValueKind.False:
                return BoolValue.False;
            case JsonValueKind.Number:
                return e.TryGetInt64(out var l) ? LongValue.Of(l) : throw new JsonFormatException($"number {e.GetRawText()} is not a 64-bit integer");
            case JsonValueKind.String:
                var s = e.GetString()!;
                return expected is ExtensionType ext ? Construct(ext.Name, s) : new StringValue(s);
            case JsonValueKind.Array:
                var elemType = (expected as SetType)?.Element;
                var set = new HashSet<Value>();
                foreach (var item in e.EnumerateArray())
                {
                    set.Add(Read(item, elemType, schema, depth + 1));
                }

                return new SetValue(set);
            case JsonValueKind.Object:
                return ReadObject(e, expected, schema, depth);
            default:
                throw new JsonFormatException($"unsupported JSON value {e.ValueKind}");
        }
    }

    public static EntityUid ReadUid(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new JsonFormatException("entity reference must be an object");
        }

        if (e.TryGetProperty("__entity", out var inner))
        {
            e = inner;
        }

        if (!e.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || !e.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new JsonFormatException("entity reference needs string \"type\" and \"id\"");
        }

        return new EntityUid(t.GetString()!, id.GetString()!);
    }

    private static Value ReadObject(JsonElement e, SchemaType? expected, CedarSchema? schema, int depth)
    {
        if (e.TryGetProperty("__entity", out _) && CountProperties(e) == 1)
        {
            return new EntityValue(ReadUid(e));
        }

        if (e.TryGetProperty("__extn", out var extn) && CountProperties(e) == 1)
        {
            return ReadExtension(extn, depth);
        }

        if (expected is EntityRefType)
        {
            return new EntityValue(ReadUid(e));
        }

        var recordType = expected as RecordType;
        var attrs = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            SchemaType? attrType = null;
            if (recordType is not null && recordType.Attributes.TryGetValue(p.Name, out var a))
            {
                attrType = a.Type;
            }

            if (!attrs.TryAdd(p.Name, Read(p.Value, attrType, schema, depth + 1)))
            {
                throw new JsonFormatException($"duplicate key \"{p.Name}\"");
            }
        }

        return new RecordValue(attrs);
    }

    private static Value ReadExtension(JsonElement extn, int depth)
    {
        if (!extn.TryGetProperty("fn", out var fn) || fn.ValueKind != JsonValueKind.String)
        {
            throw new JsonFormatException("__extn needs a string \"fn\"");
        }

        var name = fn.GetString()!;
        if (extn.TryGetProperty("arg", out var arg))
        {
            return name switch
            {
                "decimal" or "ip" or "ipaddr" or "datetime" or "duration" when arg.ValueKind == JsonValueKind.String => Construct(name == "ipaddr" ? "ip" : name, arg.GetString()!),
                _ => throw new JsonFormatException($"unsupported extension function {name}"),
            };
        }

        if (extn.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array)
        {
            var values = new List<Value>();
            foreach (var a in args.EnumerateArray())
            {
                values.Add(Read(a, null, null, depth + 1));
            }

            if (!ExtensionFunctions.Methods.TryGetValue(name, out var arity) || arity != values.Count)
            {
                throw new JsonFormatException($"unsupported extension function {name}");
            }

            var result = ExtensionFunctions.Call(name, [.. values], out var error);
            return error is null ? result : throw new JsonFormatException(error);
        }

        throw new JsonFormatException("__extn needs \"arg\" or \"args\"");
    }

    private static Value Construct(string fn, string arg)
    {
        Value? v = fn switch
        {
            "decimal" => DecimalParser.Parse(arg),
            "ip" or "ipaddr" => IpParser.Parse(arg),
            "datetime" => DatetimeParser.Parse(arg),
            "duration" => DurationParser.Parse(arg),
            _ => null,
        };
        return v ?? throw new JsonFormatException($"invalid {fn} literal \"{arg}\"");
    }

    private static int CountProperties(JsonElement e)
    {
        var n = 0;
        foreach (var unused in e.EnumerateObject())
        {
            n++;
        }

        return n;
    }
}
