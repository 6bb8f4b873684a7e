using Platform.Certificates;
using Platform.Cryptography;

namespace Gateway.Signing;

/// <summary>The key that signs what the gateway sends upstream, and the certificates it publishes at <c>/gateway/keys</c>.</summary>
internal interface IGatewaySigningKeys
{
    /// <summary>The key that signs at <paramref name="now"/> and its <c>keyid</c> (the certificate's serial).</summary>
    (ISigningKey Key, string KeyId) SignerAt(DateTimeOffset now);

    /// <summary>The certificates of the keys published at <paramref name="now"/>, the signing one first.</summary>
    IReadOnlyList<PlatformCertificate> PublishedAt(DateTimeOffset now);
}
