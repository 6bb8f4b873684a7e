using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Platform.Cryptography.Cms;

/// <summary>A recipient's private key, read from PKCS#8, in the form its key management needs.</summary>
internal sealed class RecipientPrivateKey : IDisposable
{
    private RecipientPrivateKey(RSA? rsa, ECPrivateKeyParameters? ec, bool isSm2)
    {
        Rsa = rsa;
        Ec = ec;
        IsSm2 = isSm2;
    }

    /// <summary>An RSA key (key transport by RSAES-OAEP).</summary>
    public RSA? Rsa { get; }

    /// <summary>An EC key: ECDH on P-256/P-384, or SM2 when <see cref="IsSm2"/>.</summary>
    public ECPrivateKeyParameters? Ec { get; }

    /// <summary>Whether <see cref="Ec"/> is an SM2 key (key transport by SM2 encryption).</summary>
    public bool IsSm2 { get; }

    /// <summary>The key in <paramref name="pkcs8"/>; null for a key of another type, or bytes that are not PKCS#8.</summary>
    public static RecipientPrivateKey? Read(ReadOnlySpan<byte> pkcs8)
    {
        try
        {
            var info = PrivateKeyInfo.GetInstance(pkcs8.ToArray());
            if (info.PrivateKeyAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                return new(rsa, null, false);
            }

            if (!info.PrivateKeyAlgorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey)
                || PrivateKeyFactory.CreateKey(info) is not ECPrivateKeyParameters ec
                || ec.Parameters is not ECNamedDomainParameters named)
            {
                return null;
            }

            if (named.Name.Equals(GMObjectIdentifiers.sm2p256v1))
            {
                return new(null, ec, true);
            }

            return named.Name.Equals(X9ObjectIdentifiers.Prime256v1) || named.Name.Equals(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP384r1)
                ? new(null, ec, false)
                : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or CryptographicException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose() => Rsa?.Dispose();
}
