using Microsoft.Net.Http.Headers;

namespace Platform.Http;

/// <summary>What an endpoint accepts as its request body: the media types and the largest size.</summary>
public sealed class BodyRules
{
    private readonly string[] mediaTypes;
    private readonly bool jsonSuffix;

    /// <summary>A body of at most <paramref name="maxBytes"/> bytes, sent as one of <paramref name="mediaTypes"/>.</summary>
    public BodyRules(int maxBytes, params string[] mediaTypes)
        : this(maxBytes, mediaTypes, jsonSuffix: false)
    {
    }

    private BodyRules(int maxBytes, string[] mediaTypes, bool jsonSuffix)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfZero(mediaTypes.Length);
        MaxBytes = maxBytes;
        this.mediaTypes = mediaTypes;
        this.jsonSuffix = jsonSuffix;
    }

    /// <summary>The largest body accepted, in bytes.</summary>
    public int MaxBytes { get; }

    /// <summary>The media types accepted, in the words of an error message.</summary>
    public string Described => string.Join(" or ", mediaTypes) + (jsonSuffix ? " (or a +json type)" : "");

    /// <summary>A JSON body: <c>application/json</c> or any <c>+json</c> type.</summary>
    public static BodyRules Json(int maxBytes) => new(maxBytes, ["application/json"], jsonSuffix: true);

    /// <summary>
    /// The accepted media type <paramref name="contentType"/> names, as listed here, or null.
    /// It is compared as a media type, so parameters (<c>charset</c>, …) do not matter.
    /// </summary>
    public string? Match(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        // The usual case, a bare media type, needs no parsing.
        foreach (var type in mediaTypes)
        {
            if (string.Equals(contentType, type, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        foreach (var type in mediaTypes)
        {
            if (media.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return jsonSuffix && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ? mediaTypes[0] : null;
    }
}
