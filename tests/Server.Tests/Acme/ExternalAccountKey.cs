using System.Buffers.Text;
using System.Security.Cryptography;

namespace Server.Tests.Acme;

/// <summary>An external account binding key (RFC 8555 §7.3.4): the key id and the HMAC key, base64url without padding as both clients take it.</summary>
public sealed record ExternalAccountKey(string KeyId, string HmacKey)
{
    /// <summary>A fresh random 256-bit HMAC key under <paramref name="keyId"/>.</summary>
    public static ExternalAccountKey Random(string keyId) =>
        new(keyId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
}
