using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Signatures.Cms;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// A signer's certificate and chain with every piece of a SignerInfo that depends only on them,
/// encoded once: the issuer and serial number, the algorithm identifiers, the signingCertificateV2
/// attribute and the certificates of a B-B signature. A seal keeps one, so signing encodes none of it again.
/// </summary>
internal sealed class SignerCredential
{
    private SignerCredential(byte[] certificate, IReadOnlyList<byte[]> chain, SignatureScheme scheme, X509Certificate parsed)
    {
        Certificate = certificate;
        Chain = chain;
        Scheme = scheme;
        SerialNumber = parsed.SerialNumber.ToString(16);
        Subject = parsed.SubjectDN.ToString();
        SubjectPublicKeyInfo = parsed.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        var (digest, signature) = CmsAlgorithms.For(scheme);
        DigestOid = digest.Algorithm.Id;
        DigestAlgorithm = digest.GetDerEncoded();
        SignatureAlgorithm = signature.GetDerEncoded();
        var issuer = parsed.CertificateStructure.Issuer.GetDerEncoded();
        var serial = new DerInteger(parsed.SerialNumber).GetDerEncoded();
        IssuerAndSerialNumber = Sequence(w =>
        {
            w.WriteEncodedValue(issuer);
            w.WriteEncodedValue(serial);
        });
        SigningCertificateV2 = SigningCertificateV2Attribute(certificate, issuer, serial);
        Certificates = [certificate, .. chain];
    }

    /// <summary>The signer's certificate (DER).</summary>
    public byte[] Certificate { get; }

    /// <summary>The issuing CA's certificate, then each above it up to the root (DER).</summary>
    public IReadOnlyList<byte[]> Chain { get; }

    /// <summary>The certificate, then its chain: what a B-B signature carries.</summary>
    public IReadOnlyList<byte[]> Certificates { get; }

    /// <summary>The scheme the signer's key signs with.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>The certificate's serial number, lowercase hex.</summary>
    public string SerialNumber { get; }

    /// <summary>The certificate's subject DN.</summary>
    public string Subject { get; }

    /// <summary>The certificate's public key (DER SubjectPublicKeyInfo).</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The dotted OID of the digest the messageDigest attribute is computed with.</summary>
    public string DigestOid { get; }

    /// <summary>The SignerInfo's digestAlgorithm (DER AlgorithmIdentifier).</summary>
    public byte[] DigestAlgorithm { get; }

    /// <summary>The SignerInfo's signatureAlgorithm (DER AlgorithmIdentifier).</summary>
    public byte[] SignatureAlgorithm { get; }

    /// <summary>The SignerInfo's sid: IssuerAndSerialNumber (DER).</summary>
    public byte[] IssuerAndSerialNumber { get; }

    /// <summary>The signingCertificateV2 attribute (DER Attribute): ESSCertIDv2 with SHA-256 and issuerSerial.</summary>
    public byte[] SigningCertificateV2 { get; }

    /// <summary>
    /// The credential of <paramref name="certificate"/> (DER) signing with <paramref name="scheme"/>;
    /// <paramref name="chain"/> is its issuer, then each CA above, up to the root.
    /// </summary>
    public static SignerCredential Create(byte[] certificate, IReadOnlyList<byte[]> chain, SignatureScheme scheme) =>
        new(certificate, chain, scheme, new X509CertificateParser().ReadCertificate(certificate));

    /// <summary>The digest of <paramref name="content"/> the messageDigest attribute carries.</summary>
    public byte[] Digest(ReadOnlySpan<byte> content) =>
        DigestOid == CadesOids.Sha256 ? SHA256.HashData(content) : CmsAlgorithms.Hash(new DerObjectIdentifier(DigestOid), content);

    /// <summary>The number of bytes of a digest of the signer's digest algorithm.</summary>
    public int DigestLength => CmsAlgorithms.Digester(new DerObjectIdentifier(DigestOid)).GetDigestSize();

    private static byte[] SigningCertificateV2Attribute(byte[] certificate, byte[] issuer, byte[] serial)
    {
        // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035); the hash
        // algorithm is SHA-256, the DEFAULT, so it is left out as DER requires.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CadesOids.SigningCertificateV2);
            using (writer.PushSetOf())
            using (writer.PushSequence())
            using (writer.PushSequence())
            using (writer.PushSequence())
            {
                writer.WriteOctetString(SHA256.HashData(certificate));
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        // GeneralNames with one directoryName [4], EXPLICIT because Name is a CHOICE.
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                        {
                            writer.WriteEncodedValue(issuer);
                        }
                    }

                    writer.WriteEncodedValue(serial);
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] Sequence(Action<AsnWriter> body)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            body(writer);
        }

        return writer.Encode();
    }
}
