using System.Text;
using System.Text.Json;

namespace Pki.Ca.Acme.Jws;

/// <summary>
/// A JWS in the flattened JSON serialization (RFC 7515 §7.2.2) as RFC 8555 §6.2 allows it: one
/// signature, no unprotected header, the payload attached; the protected header names
/// <c>alg</c>, <c>nonce</c> and <c>url</c> and exactly one of <c>jwk</c> and <c>kid</c>. Parsing
/// checks the shape only; the signature is checked against a key with <see cref="VerifiedBy"/>.
/// </summary>
internal sealed class SignedMessage
{
    // A member named twice could be read one way here and another way by whoever signed it.
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private readonly byte[] signingInput;
    private readonly byte[] signature;

    private SignedMessage(JsonElement header, string algorithm, byte[] signingInput, byte[] signature, byte[] payload)
    {
        Header = header;
        Algorithm = algorithm;
        this.signingInput = signingInput;
        this.signature = signature;
        Payload = payload;
    }

    /// <summary>The protected header.</summary>
    public JsonElement Header { get; }

    public string Algorithm { get; }

    /// <summary>The payload's bytes: empty for a POST-as-GET.</summary>
    public byte[] Payload { get; }

    public string? Nonce => Text("nonce");

    public string? Url => Text("url");

    public string? KeyId => Text("kid");

    /// <summary>The embedded key, when the header carries one.</summary>
    public JsonElement? Jwk => Header.TryGetProperty("jwk", out var jwk) ? jwk : null;

    /// <summary>The message of a flattened JWS, or null with what is wrong with it.</summary>
    public static SignedMessage? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), Strict);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The body is not a JWS in the flattened JSON serialization.";
                return null;
            }

            foreach (var member in root.EnumerateObject())
            {
                if (member.Name is not ("protected" or "payload" or "signature"))
                {
                    error = member.Name is "signatures" or "header"
                        ? "A request is a JWS with one signature and no unprotected header (RFC 8555 §6.2)."
                        : $"The JWS has an unknown member '{member.Name}'.";
                    return null;
                }
            }

            if (String(root, "protected") is not { } protectedText || String(root, "payload") is not { } payloadText || String(root, "signature") is not { } signatureText)
            {
                error = "The JWS needs 'protected', 'payload' and 'signature', each a string.";
                return null;
            }

            var header = JsonDocument.Parse(Base64Url.Decode(protectedText), Strict).RootElement.Clone();
            if (header.ValueKind != JsonValueKind.Object || String(header, "alg") is not { } algorithm)
            {
                error = "The protected header is not a JSON object with an 'alg'.";
                return null;
            }

            if (header.TryGetProperty("jwk", out _) == header.TryGetProperty("kid", out _))
            {
                error = "The protected header carries exactly one of 'jwk' and 'kid'.";
                return null;
            }

            var signingInput = Encoding.ASCII.GetBytes(protectedText + "." + payloadText);
            return new SignedMessage(header, algorithm, signingInput, Base64Url.Decode(signatureText), Base64Url.Decode(payloadText));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            error = "The body is not a JWS in the flattened JSON serialization (base64url parts, JSON header).";
            return null;
        }
    }

    /// <summary>True when the signature verifies with <paramref name="key"/> under the header's algorithm.</summary>
    public bool VerifiedBy(AccountKey key) => key.Verify(Algorithm, signingInput, signature);

    /// <summary>True when the signature is an HMAC under <paramref name="macKey"/> (External Account Binding, RFC 8555 §7.3.4).</summary>
    public bool MacVerifiedBy(ReadOnlySpan<byte> macKey)
    {
        Span<byte> expected = stackalloc byte[64];
        var length = Algorithm switch
        {
            "HS256" => System.Security.Cryptography.HMACSHA256.HashData(macKey, signingInput, expected),
            "HS384" => System.Security.Cryptography.HMACSHA384.HashData(macKey, signingInput, expected),
            "HS512" => System.Security.Cryptography.HMACSHA512.HashData(macKey, signingInput, expected),
            _ => 0,
        };
        return length > 0 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected[..length], signature);
    }

    private string? Text(string name) => String(Header, name);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
