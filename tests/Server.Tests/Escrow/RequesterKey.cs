using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using System.Security.Cryptography;

namespace Server.Tests.Escrow;

/// <summary>
/// A requester's own signing key and its CSR, made by .NET (RSA, ECDSA) or by Bouncy Castle (SM2,
/// signed with SM3 and the default user id), implementations independent of the platform's.
/// </summary>
public sealed record RequesterKey(string Family, string CsrPem, string PrivateKeyPem, AsymmetricKeyParameter? Sm2PrivateKey)
{
    public const string Sm2 = "SM2";
    public const string EcdsaP256 = "ECDSA-P256";
    public const string EcdsaP384 = "ECDSA-P384";
    public const string Rsa2048 = "RSA-2048";
    public const string Ed25519 = "Ed25519";

    public static RequesterKey Create(string family, string subject)
    {
        switch (family)
        {
            case EcdsaP256 or EcdsaP384:
            {
                using var key = ECDsa.Create(family == EcdsaP256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
                return new(family, csr, key.ExportPkcs8PrivateKeyPem(), null);
            }

            case Rsa2048:
            {
                using var key = RSA.Create(2048);
                var csr = new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    .CreateSigningRequestPem();
                return new(family, csr, key.ExportPkcs8PrivateKeyPem(), null);
            }

            case Sm2:
            {
                var generator = new ECKeyPairGenerator();
                generator.Init(new ECKeyGenerationParameters(
                    new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1)), new SecureRandom()));
                var pair = generator.GenerateKeyPair();
                var csr = new Pkcs10CertificationRequest(new Asn1SignatureFactory("SM3WITHSM2", pair.Private), new X509Name(subject), pair.Public, null);
                var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
                return new(family, Pem("CERTIFICATE REQUEST", csr.GetDerEncoded()), Pem("PRIVATE KEY", pkcs8), pair.Private);
            }

            case Ed25519:
            {
                var generator = new Ed25519KeyPairGenerator();
                generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
                var pair = generator.GenerateKeyPair();
                var csr = new Pkcs10CertificationRequest(new Asn1SignatureFactory("Ed25519", pair.Private), new X509Name(subject), pair.Public, null);
                return new(family, Pem("CERTIFICATE REQUEST", csr.GetDerEncoded()), Pem("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded()), null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, null);
        }
    }

    private static string Pem(string label, byte[] der) => new(PemEncoding.Write(label, der));
}
