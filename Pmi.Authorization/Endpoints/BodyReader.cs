using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.Http;
using System.Text;

namespace Pmi.Authorization.Endpoints;

/// <summary>Reads a request body up to a limit, refusing other media types, oversize and non-UTF-8 bodies with problem details.</summary>
internal static class BodyReader
{
    /// <summary>The body's bytes and the media type it was sent as; or the problem to answer.</summary>
    public static async Task<(byte[]? Body, string? MediaType, IResult? Problem)> ReadAsync(
        HttpRequest request, int maxBytes, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || mediaTypes.FirstOrDefault(m => media.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase)) is not { } mediaType)
        {
            return (null, null, Problems.Result(ProblemCodes.MediaTypeUnsupported,
                $"The body must be {string.Join(" or ", mediaTypes)}."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own body limit, hit by a body sent without a length.
            return (null, null, TooLarge(maxBytes));
        }

        return (buffer.ToArray(), mediaType, null);
    }

    /// <summary>The body as text; null when it is not valid UTF-8.</summary>
    public static string? Utf8(byte[] body)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(body);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Problems.Result(ProblemCodes.BodyTooLarge, $"The body exceeds {maxBytes} bytes.");
}
