using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Platform.Cryptography;

namespace Pki.Ca.Est;

/// <summary>
/// A key pair the server made for an EST <c>serverkeygen</c> request (RFC 7030 §4.4), of the kind
/// of the key in the client's CSR (RSA of its size, ECDSA on its curve, SM2), and a CSR for it that
/// asks for what the client's CSR asked for (subject, extension request), signed with the new key:
/// the issuance pipeline then checks and issues it as any other request, proof of possession
/// included. The private key exists only as <see cref="Pkcs8"/>, which <see cref="Dispose"/>
/// zeroes; it is never stored, logged or audited.
/// </summary>
internal sealed class ServerGeneratedKey : IDisposable
{
    private static readonly SecureRandom Random = new();

    private ServerGeneratedKey(byte[] pkcs8, string csrPem) => (Pkcs8, CsrPem) = (pkcs8, csrPem);

    /// <summary>The private key, PKCS#8 PrivateKeyInfo DER (RFC 5958).</summary>
    public byte[] Pkcs8 { get; }

    /// <summary>A CSR for the new key with the client's subject and extension request, PEM.</summary>
    public string CsrPem { get; }

    /// <summary>The key kinds the server makes: those of a client CSR it can copy.</summary>
    public static bool CanGenerate(KeyAlgorithm? algorithm) => algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096
        or KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 or KeyAlgorithm.Sm2;

    /// <summary>A new key of the kind of <paramref name="client"/>'s key, and its CSR; only for a kind <see cref="CanGenerate"/> accepts.</summary>
    public static ServerGeneratedKey For(ParsedCsr client, byte[] clientCsrDer)
    {
        var (pair, signatureAlgorithm) = client.Key.Algorithm switch
        {
            KeyAlgorithm.Rsa2048 => (Rsa(2048), "SHA256WITHRSA"),
            KeyAlgorithm.Rsa3072 => (Rsa(3072), "SHA256WITHRSA"),
            KeyAlgorithm.Rsa4096 => (Rsa(4096), "SHA256WITHRSA"),
            KeyAlgorithm.EcdsaP256 => (Ec(SecObjectIdentifiers.SecP256r1), "SHA256WITHECDSA"),
            KeyAlgorithm.EcdsaP384 => (Ec(SecObjectIdentifiers.SecP384r1), "SHA384WITHECDSA"),
            KeyAlgorithm.Sm2 => (Ec(GMObjectIdentifiers.sm2p256v1), "SM3WITHSM2"),
            _ => throw new ArgumentException($"No server-side generation for {client.Key.Description} keys.", nameof(client)),
        };

        // The client's attributes carry its extension request (the SANs among them); a challenge password is not copied.
        var info = CertificationRequest.GetInstance(Asn1Object.FromByteArray(clientCsrDer)).GetCertificationRequestInfo();
        var attributes = new Asn1EncodableVector();
        foreach (var element in info.Attributes ?? new DerSet())
        {
            if (AttributePkcs.GetInstance(element).AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest))
            {
                attributes.Add(element);
            }
        }

        var csr = new Pkcs10CertificationRequest(new Asn1SignatureFactory(signatureAlgorithm, pair.Private, Random),
            client.Subject, pair.Public, new DerSet(attributes));
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        return new ServerGeneratedKey(pkcs8, PemText.CertificateRequest(csr.GetDerEncoded()));
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(Pkcs8);

    private static AsymmetricCipherKeyPair Rsa(int bits)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(Org.BouncyCastle.Math.BigInteger.ValueOf(65537), Random, bits, 100));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair Ec(DerObjectIdentifier curve)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(curve, Random));
        return generator.GenerateKeyPair();
    }
}
