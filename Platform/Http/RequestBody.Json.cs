using Microsoft.AspNetCore.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Http;

public static partial class RequestBody
{
    private static readonly BodyRules DefaultJson = BodyRules.Json(MaxJsonBytes);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a JSON body as a <typeparamref name="T"/>; on failure <c>Problem</c> holds the answer.
    /// Text that is not JSON is <c>json-invalid</c> (with its line and position); JSON of the wrong
    /// shape is <c>body-invalid</c> naming the JSON path, never a type of the platform.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes = MaxJsonBytes)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        var read = await ReadAsync(context, maxBytes == MaxJsonBytes ? DefaultJson : BodyRules.Json(maxBytes));
        if (read.Body is null)
        {
            return (null, read.ToResult());
        }

        var depth = type.Options.MaxDepth == 0 ? 64 : type.Options.MaxDepth;
        if (SyntaxProblem(read.Body, depth) is { } syntax)
        {
            return (null, syntax);
        }

        try
        {
            var value = JsonSerializer.Deserialize(read.Body, type);
            return value is null ? (null, NotAnObject()) : (value, null);
        }
        catch (JsonException e)
        {
            // The serializer's message names the .NET type it could not fill; the path says enough.
            return (null, e.Path is null or "$" ? NotAnObject()
                : Problems.Result(ProblemCodes.BodyInvalid, $"The value at {e.Path} does not have the type this endpoint reads there."));
        }
    }

    /// <summary>Reads a JSON body as a document, nesting at most <paramref name="maxDepth"/> levels.</summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonDocumentAsync(HttpContext context, int maxBytes, int maxDepth)
    {
        var read = await ReadAsync(context, BodyRules.Json(maxBytes));
        if (read.Body is null)
        {
            return (null, read.ToResult());
        }

        try
        {
            return (JsonDocument.Parse(read.Body, new JsonDocumentOptions { MaxDepth = maxDepth }), null);
        }
        catch (JsonException e)
        {
            return (null, JsonInvalid(e, maxDepth));
        }
    }

    /// <summary>Reads a UTF-8 text body (a leading byte-order mark is dropped); other bytes are <c>encoding-invalid</c>.</summary>
    public static async Task<(string? Text, string? MediaType, IResult? Problem)> ReadTextAsync(HttpContext context, BodyRules rules)
    {
        var read = await ReadAsync(context, rules);
        if (read.Body is null)
        {
            return (null, null, read.ToResult());
        }

        try
        {
            var text = StrictUtf8.GetString(read.Body);
            return (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, read.MediaType, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, Problems.Result(ProblemCodes.EncodingInvalid, "The body must be UTF-8 text."));
        }
    }

    private static IResult? SyntaxProblem(byte[] body, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return JsonInvalid(e, maxDepth);
        }
    }

    private static IResult JsonInvalid(JsonException e, int maxDepth) => Problems.Result(ProblemCodes.JsonInvalid,
        $"The body is not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}, or nests deeper than {maxDepth} levels.");

    private static IResult NotAnObject() => Problems.Result(ProblemCodes.BodyInvalid, "The body must be a JSON object with the fields this endpoint reads.");
}
