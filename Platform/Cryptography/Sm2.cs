using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;

namespace Platform.Cryptography;

/// <summary>Constants of the Chinese national algorithms as GM/T 0009 fixes them.</summary>
public static class Sm2
{
    /// <summary>The default SM2 signer identity, "1234567812345678" (GM/T 0009).</summary>
    public static byte[] DefaultUserId => "1234567812345678"u8.ToArray();

    /// <summary>The sm2p256v1 domain parameters, named so encodings carry the curve OID.</summary>
    internal static ECNamedDomainParameters Domain { get; } =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
}
