namespace Platform.Cryptography;

/// <summary>A signature algorithm together with its hash and padding, as X.509 names it.</summary>
public enum SignatureScheme
{
    /// <summary>sha256WithRSAEncryption (PKCS#1 v1.5).</summary>
    RsaPkcs1Sha256,
    /// <summary>sha384WithRSAEncryption (PKCS#1 v1.5).</summary>
    RsaPkcs1Sha384,
    /// <summary>sha512WithRSAEncryption (PKCS#1 v1.5).</summary>
    RsaPkcs1Sha512,
    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, salt length 32 (RFC 4055).</summary>
    RsaPssSha256,
    /// <summary>RSASSA-PSS with SHA-384, MGF1-SHA-384, salt length 48 (RFC 4055).</summary>
    RsaPssSha384,
    /// <summary>RSASSA-PSS with SHA-512, MGF1-SHA-512, salt length 64 (RFC 4055).</summary>
    RsaPssSha512,
    /// <summary>ecdsa-with-SHA256, DER-encoded (r, s).</summary>
    EcdsaSha256,
    /// <summary>ecdsa-with-SHA384, DER-encoded (r, s).</summary>
    EcdsaSha384,
    /// <summary>Ed25519 (RFC 8410), 64-byte signature.</summary>
    Ed25519,
    /// <summary>SM2 signature with SM3 (GM/T 0003, OID 1.2.156.10197.1.501), DER-encoded (r, s).</summary>
    Sm2Sm3,
}
