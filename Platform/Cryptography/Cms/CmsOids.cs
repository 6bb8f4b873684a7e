using Org.BouncyCastle.Asn1;

namespace Platform.Cryptography.Cms;

/// <summary>The object identifiers of CMS envelopes that Bouncy Castle does not name.</summary>
internal static class CmsOids
{
    /// <summary>SM4 in CBC mode (GM/T 0006).</summary>
    public static readonly DerObjectIdentifier Sm4Cbc = new("1.2.156.10197.1.104.2");

    /// <summary>sm2encrypt, SM2 public-key encryption with SM3 (GM/T 0010, GM/T 0006).</summary>
    public static readonly DerObjectIdentifier Sm2Encrypt = new("1.2.156.10197.1.301.3");

    /// <summary>dhSinglePass-stdDH-sha1kdf-scheme (RFC 5753 §7.1.4): what OpenSSL writes unless told another digest.</summary>
    public static readonly DerObjectIdentifier EcdhSha1Kdf = new("1.3.133.16.840.63.0.2");

    /// <summary>dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753 §7.1.4).</summary>
    public static readonly DerObjectIdentifier EcdhSha256Kdf = new("1.3.132.1.11.1");

    /// <summary>dhSinglePass-stdDH-sha384kdf-scheme (RFC 5753 §7.1.4).</summary>
    public static readonly DerObjectIdentifier EcdhSha384Kdf = new("1.3.132.1.11.2");
}
