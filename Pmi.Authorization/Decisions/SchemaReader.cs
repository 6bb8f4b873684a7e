using Pmi.Authorization.Parsing;
using Pmi.Authorization.Schema;
using System.Text.Json;

namespace Pmi.Authorization.Decisions;

/// <summary>Parses a schema in either format, keeping the position of a syntax error.</summary>
internal static class SchemaReader
{
    public const string CedarFormat = "cedar";
    public const string JsonFormat = "json";

    public static (CedarSchema? Schema, DocumentError? Error) Read(string text, string format)
    {
        try
        {
            var builder = format == JsonFormat ? SchemaJsonParser.Parse(text) : SchemaParser.Parse(text);
            return (builder.Build(), null);
        }
        catch (ParseException e)
        {
            return (null, new DocumentError(e.Error.Message, e.Error.Line, e.Error.Column));
        }
        catch (JsonException e)
        {
            return (null, new DocumentError("invalid JSON: " + e.Message, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1));
        }
        catch (Exception e) when (e is SchemaException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // Semantic problems (an undeclared type, a duplicate) and JSON of the wrong shape have no single position.
            return (null, new DocumentError(e.Message, 0, 0));
        }
    }
}
