using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Pki.Ca.Escrow;

/// <summary>
/// Encrypts a PKCS#8 private key to a certificate as CMS EnvelopedData (RFC 5652), AES-256-CBC
/// content encryption: to an RSA key by RSAES-OAEP with SHA-256 (RFC 3560), to an EC key by
/// ephemeral-static ECDH with the X9.63 KDF and AES key wrap (RFC 5753), so that
/// <c>openssl cms -decrypt</c> with the recipient's key gives the PKCS#8 key back.
/// </summary>
internal static class CmsKeyEnvelope
{
    private const string RsaOaepSha256 = "RSA/NONE/OAEPWITHSHA256ANDMGF1PADDING";

    /// <summary>The envelope of <paramref name="pkcs8"/> for <paramref name="recipient"/>, whose key is RSA or EC on P-256/P-384.</summary>
    public static byte[] Seal(X509Certificate recipient, byte[] pkcs8)
    {
        var random = new SecureRandom();
        var generator = new CmsEnvelopedDataGenerator(random);
        switch (recipient.GetPublicKey())
        {
            case RsaKeyParameters:
                generator.AddKeyTransRecipient(RsaOaepSha256, recipient);
                break;
            case ECPublicKeyParameters ec:
                // The ephemeral key lives for this envelope only, on the recipient's curve.
                var ephemeral = new ECKeyPairGenerator();
                ephemeral.Init(new ECKeyGenerationParameters(ec.Parameters, random));
                var pair = ephemeral.GenerateKeyPair();
                var kdf = ec.Parameters.Curve.FieldSize > 256 ? CmsEnvelopedGenerator.ECDHSha384Kdf : CmsEnvelopedGenerator.ECDHSha256Kdf;
                generator.AddKeyAgreementRecipient(kdf, pair.Private, pair.Public, recipient, CmsEnvelopedGenerator.Aes256Wrap);
                break;
            default:
                throw new ArgumentException("The recipient's key is neither RSA nor EC.", nameof(recipient));
        }

        return generator.Generate(new CmsProcessableByteArray(pkcs8), NistObjectIdentifiers.IdAes256Cbc).GetEncoded();
    }
}
