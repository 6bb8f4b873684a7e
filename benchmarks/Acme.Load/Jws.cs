using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Acme.Load;

/// <summary>The flattened JWS JSON serialization ACME requests are sent in (RFC 8555 §6.2).</summary>
internal static class Jws
{
    /// <summary>
    /// A request signed with <paramref name="key"/>: identified by its JWK before the account
    /// exists (newAccount), by the account URL (<paramref name="kid"/>) after. A null
    /// <paramref name="payload"/> is POST-as-GET (§6.3): the empty string.
    /// </summary>
    public static byte[] Sign(AccountKey key, string? kid, string nonce, string url, byte[]? payload)
    {
        // Written as text rather than serialized: nonces are base64url and the URLs the server's
        // own, so nothing needs escaping, and this runs for every request of the load.
        var header = kid is null
            ? $$"""{"alg":"ES256","jwk":{{key.Jwk}},"nonce":"{{nonce}}","url":"{{url}}"}"""
            : $$"""{"alg":"ES256","kid":"{{kid}}","nonce":"{{nonce}}","url":"{{url}}"}""";
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header));
        var encodedPayload = payload is null ? "" : Base64Url.EncodeToString(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload));
        return Encoding.UTF8.GetBytes($$"""{"protected":"{{encodedHeader}}","payload":"{{encodedPayload}}","signature":"{{Base64Url.EncodeToString(signature)}}"}""");
    }

    /// <summary>
    /// The external account binding (§7.3.4): the account's JWK, MACed with HS256 under the key
    /// the CA handed out, for the newAccount URL.
    /// </summary>
    public static FlattenedJws ExternalAccountBinding(AccountKey key, string keyId, byte[] hmacKey, string newAccountUrl)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"HS256","kid":"{{keyId}}","url":"{{newAccountUrl}}"}"""));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Jwk));
        var mac = HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(header + "." + payload));
        return new FlattenedJws(header, payload, Base64Url.EncodeToString(mac));
    }
}
