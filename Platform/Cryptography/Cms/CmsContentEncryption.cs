namespace Platform.Cryptography.Cms;

/// <summary>How the content of a CMS envelope is encrypted under its one-time content key.</summary>
public enum CmsContentEncryption
{
    /// <summary>AES-256 in GCM mode, as AuthEnvelopedData (RFC 5083, RFC 5084): the content is authenticated.</summary>
    Aes256Gcm,

    /// <summary>AES-256 in CBC mode with PKCS #7 padding, as EnvelopedData (RFC 5652, RFC 3565).</summary>
    Aes256Cbc,

    /// <summary>SM4 in CBC mode with PKCS #7 padding (GM/T 0006 <c>1.2.156.10197.1.104.2</c>), as EnvelopedData (GM/T 0010).</summary>
    Sm4Cbc,
}
