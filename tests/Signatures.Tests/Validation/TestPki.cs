using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Signatures.Tests.Validation;

/// <summary>
/// A small CA hierarchy made with Bouncy Castle for the validator's unit tests: a root, an
/// issuing CA, and certificates it issues to signers and to a TSA, with CRLs and OCSP answers
/// signed by the issuing CA, at times the test chooses.
/// </summary>
internal sealed class TestPki
{
    private static readonly SecureRandom Random = new();

    public TestPki(DateTimeOffset start)
    {
        Start = start;
        var (rootPair, rootAlgorithm) = TestKeys.Ecdsa();
        RootKey = rootPair;
        Root = Certificate("CN=Test Root", rootPair.Public, "CN=Test Root", rootPair.Private, rootAlgorithm, start.AddYears(-1), start.AddYears(20), ca: true);
        var (issuingPair, _) = TestKeys.Ecdsa();
        IssuingKey = issuingPair;
        Issuing = Certificate("CN=Test Issuing CA", issuingPair.Public, "CN=Test Root", rootPair.Private, rootAlgorithm, start.AddYears(-1), start.AddYears(10), ca: true);
        var (tsaPair, _) = TestKeys.Ecdsa();
        TsaKey = tsaPair;
        Tsa = Certificate("CN=Test TSA", tsaPair.Public, "CN=Test Issuing CA", issuingPair.Private, "SHA256WITHECDSA", start.AddYears(-1), start.AddYears(5), ca: false,
            eku: KeyPurposeID.id_kp_timeStamping);
    }

    public DateTimeOffset Start { get; }

    public X509Certificate Root { get; }

    public AsymmetricCipherKeyPair RootKey { get; }

    public X509Certificate Issuing { get; }

    public AsymmetricCipherKeyPair IssuingKey { get; }

    public X509Certificate Tsa { get; }

    public AsymmetricCipherKeyPair TsaKey { get; }

    /// <summary>A document-signing certificate from the issuing CA, valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public X509Certificate Signer(AsymmetricKeyParameter publicKey, DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "CN=Test Signer", int keyUsage = KeyUsage.DigitalSignature | KeyUsage.NonRepudiation) =>
        Certificate(name, publicKey, "CN=Test Issuing CA", IssuingKey.Private, "SHA256WITHECDSA", notBefore, notAfter, ca: false, keyUsage: keyUsage);

    /// <summary>A full CRL of the issuing CA issued at <paramref name="at"/>, listing <paramref name="revoked"/> with their revocation times.</summary>
    public X509Crl Crl(DateTimeOffset at, params (X509Certificate Certificate, DateTimeOffset RevokedAt)[] revoked)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(Issuing.SubjectDN);
        generator.SetThisUpdate(at.UtcDateTime);
        generator.SetNextUpdate(at.AddDays(7).UtcDateTime);
        foreach (var (certificate, when) in revoked)
        {
            generator.AddCrlEntry(certificate.SerialNumber, when.UtcDateTime, CrlReason.KeyCompromise);
        }

        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.One));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", IssuingKey.Private));
    }

    /// <summary>An OCSP answer about <paramref name="certificate"/> at <paramref name="at"/>, signed by the issuing CA itself.</summary>
    public BasicOcspResp Ocsp(X509Certificate certificate, DateTimeOffset at, DateTimeOffset? revokedAt = null)
    {
        var generator = new BasicOcspRespGenerator(new RespID(Issuing.SubjectDN));
        var id = new CertificateID(CertificateID.DigestSha1, Issuing, certificate.SerialNumber);
        CertificateStatus? status = revokedAt is { } r ? new RevokedStatus(r.UtcDateTime, CrlReason.KeyCompromise) : CertificateStatus.Good;
        generator.AddResponse(id, status, at.UtcDateTime, at.AddDays(1).UtcDateTime, null);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", IssuingKey.Private), [Issuing], at.UtcDateTime);
    }

    /// <summary>Writes the root as a PEM file, as the trust-anchor setting reads it.</summary>
    public string RootPemFile(string directory)
    {
        var path = Path.Combine(directory, "root.pem");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(Root.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
        return path;
    }

    public static X509Certificate SelfSigned(AsymmetricCipherKeyPair pair, string algorithm, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Certificate("CN=Self Signed", pair.Public, "CN=Self Signed", pair.Private, algorithm, notBefore, notAfter, ca: false);

    private static X509Certificate Certificate(string subject, AsymmetricKeyParameter publicKey, string issuer, AsymmetricKeyParameter issuerKey, string algorithm,
        DateTimeOffset notBefore, DateTimeOffset notAfter, bool ca, KeyPurposeID? eku = null, int keyUsage = KeyUsage.DigitalSignature | KeyUsage.NonRepudiation)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(64, Random).Add(BigInteger.One));
        generator.SetIssuerDN(new X509Name(issuer));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(publicKey);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        if (ca)
        {
            generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        }
        else
        {
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(keyUsage));
        }

        if (eku is not null)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(eku));
        }

        return generator.Generate(new Asn1SignatureFactory(algorithm, issuerKey));
    }
}
