using System.Text.Json.Serialization;

namespace Acme.Load;

/// <summary>A JWS in the flattened JSON serialization (RFC 7515 §7.2.2), as the external account binding is sent.</summary>
internal sealed record FlattenedJws(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature);
