using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Signatures.Cades;

namespace Signatures.Tests.Cades;

/// <summary>A small PKI made with Bouncy Castle for the builder's tests: a root CA that certifies signers and a time-stamp authority.</summary>
internal sealed class TestPki
{
    private static readonly SecureRandom Random = new();
    private long serial = 0x1000;

    public TestPki()
    {
        RootKey = EcKeyPair();
        Root = Certificate("CN=Test Root", "CN=Test Root", RootKey.Public, ca: true, usage: KeyUsage.KeyCertSign | KeyUsage.CrlSign);
    }

    public AsymmetricCipherKeyPair RootKey { get; }

    public X509Certificate Root { get; }

    /// <summary>A signer of <paramref name="algorithm"/>: its software key and its credential (certificate, then the root).</summary>
    public (ISigningKey Key, SignerCredential Credential) Signer(KeyAlgorithm algorithm)
    {
        var key = SoftwareKeys.Create(algorithm);
        var certificate = Certificate("CN=Test Seal,OU=finance", Root.SubjectDN.ToString(), PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()),
            ca: false, usage: KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        return (key, SignerCredential.Create(certificate.GetEncoded(), [Root.GetEncoded()], key.Scheme));
    }

    /// <summary>A certificate for the time-stamp authority's key.</summary>
    public X509Certificate TsaCertificate(AsymmetricKeyParameter publicKey, Action<X509V3CertificateGenerator> extend) =>
        Certificate("CN=Test TSA", Root.SubjectDN.ToString(), publicKey, ca: false, usage: KeyUsage.DigitalSignature, extend);

    public static AsymmetricCipherKeyPair EcKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.X9.X9ObjectIdentifiers.Prime256v1, Random));
        return generator.GenerateKeyPair();
    }

    /// <summary>A CRL of the root listing nothing.</summary>
    public X509Crl Crl()
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(Root.SubjectDN);
        generator.SetThisUpdate(DateTime.UtcNow.AddMinutes(-1));
        generator.SetNextUpdate(DateTime.UtcNow.AddDays(1));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", RootKey.Private));
    }

    private X509Certificate Certificate(string subject, string issuer, AsymmetricKeyParameter publicKey, bool ca, int usage, Action<X509V3CertificateGenerator>? extend = null)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Interlocked.Increment(ref serial)));
        generator.SetIssuerDN(new X509Name(issuer));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(30));
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        extend?.Invoke(generator);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", RootKey.Private));
    }
}
