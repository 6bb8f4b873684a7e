namespace Pki.Ca.Escrow;

/// <summary>
/// A private key encrypted to one recipient certificate, in the format its key family reads:
/// <see cref="CmsFormat"/> (RFC 5652 EnvelopedData holding the PKCS#8 key, for RSA and ECDSA
/// recipients) or <see cref="Sm2Format"/> (GM/T 0009 SM2EnvelopedKey, for SM2 recipients).
/// </summary>
/// <param name="Format">How <paramref name="Der"/> is to be read.</param>
/// <param name="Der">The DER encoding.</param>
internal sealed record EnvelopedKey(string Format, byte[] Der)
{
    /// <summary>CMS EnvelopedData (RFC 5652) whose content is the key's PKCS#8 PrivateKeyInfo (RFC 5958).</summary>
    public const string CmsFormat = "cms-enveloped-data";

    /// <summary>SM2EnvelopedKey (GM/T 0009-2012 §7.4): an SM4 key under SM2 encryption, the SM2 private key under SM4.</summary>
    public const string Sm2Format = "sm2-enveloped-key";
}
