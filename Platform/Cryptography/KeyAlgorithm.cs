namespace Platform.Cryptography;

/// <summary>The key types the platform generates, stores and accepts.</summary>
public enum KeyAlgorithm
{
    /// <summary>RSA with a 2048-bit modulus.</summary>
    Rsa2048,
    /// <summary>RSA with a 3072-bit modulus.</summary>
    Rsa3072,
    /// <summary>RSA with a 4096-bit modulus.</summary>
    Rsa4096,
    /// <summary>ECDSA on NIST P-256 (secp256r1).</summary>
    EcdsaP256,
    /// <summary>ECDSA on NIST P-384 (secp384r1).</summary>
    EcdsaP384,
    /// <summary>Ed25519 (RFC 8032, RFC 8410).</summary>
    Ed25519,
    /// <summary>SM2 on the sm2p256v1 curve (GM/T 0003), signing with SM3.</summary>
    Sm2,
}
