using Microsoft.AspNetCore.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Http;

/// <summary>
/// Reads a JSON request body defensively: checks the media type, caps the size and the depth,
/// and turns every way it can be wrong into problem details instead of an exception.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest JSON body the platform's APIs accept.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Reads a <typeparamref name="T"/>; on failure <c>Problem</c> holds the answer to send.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Result(ProblemCodes.MediaTypeUnsupported, "The body must be application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
            return value is null
                ? (null, Problems.Result(ProblemCodes.JsonInvalid, "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Result(ProblemCodes.JsonInvalid, $"The body is not valid JSON: {e.Message}"));
        }
    }

    private static IResult TooLarge() =>
        Problems.Result(ProblemCodes.BodyTooLarge, $"The body exceeds {MaxBytes} bytes.");

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));
}
