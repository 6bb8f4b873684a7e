using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Signatures.Validation.Cms;

/// <summary>
/// Identifies the signing certificate (EN 319 102-1 §5.2.3): a certificate the SignerInfo's sid
/// names, whose hash is the one the signed signingCertificateV2 (or v1, SHA-1) attribute holds, with
/// the issuer and serial that attribute names when it names them. The sid is not signed; the
/// attribute is, so a certificate swapped in for another with the same key is caught here.
/// </summary>
internal static class SignerCertificateLocator
{
    /// <summary>The signing certificate of <paramref name="signer"/> among <paramref name="certificates"/>, or null with the reason.</summary>
    public static X509Certificate? Find(SignerInfo signer, IEnumerable<X509Certificate> certificates, out string detail)
    {
        var named = certificates.Where(c => Names(signer.SignerID, c)).ToList();
        if (named.Count == 0)
        {
            detail = "no certificate in the signature is the one its signer identifier names";
            return null;
        }

        var attributes = signer.SignedAttrs;
        var v2 = SignedAttributes.Single(attributes, PkcsObjectIdentifiers.IdAASigningCertificateV2, out var ambiguousV2);
        var v1 = SignedAttributes.Single(attributes, PkcsObjectIdentifiers.IdAASigningCertificate, out var ambiguousV1);
        if (ambiguousV1 || ambiguousV2)
        {
            detail = "the signing-certificate attribute occurs more than once or has several values";
            return null;
        }

        IReadOnlyList<(AlgorithmIdentifier Hash, byte[] Value, IssuerSerial? IssuerSerial)> references;
        if (v2 is not null)
        {
            references = [.. SigningCertificateV2.GetInstance(v2).GetCerts().Select(id =>
                (id.HashAlgorithm ?? new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256), id.GetCertHash(), id.IssuerSerial))];
        }
        else if (v1 is not null)
        {
            references = [.. SigningCertificate.GetInstance(v1).GetCerts().Select(id =>
                (new AlgorithmIdentifier(OiwObjectIdentifiers.IdSha1), id.GetCertHash(), id.IssuerSerial))];
        }
        else
        {
            detail = "the signed attributes have no signingCertificateV2 (nor signingCertificate) naming the signer's certificate";
            return null;
        }

        // RFC 5035 §3: the first ESSCertID names the signing certificate.
        if (references.Count == 0)
        {
            detail = "the signing-certificate attribute names no certificate";
            return null;
        }

        var (hash, value, issuerSerial) = references[0];
        foreach (var candidate in named)
        {
            var digest = DigestUtilities.CalculateDigest(hash.Algorithm, candidate.GetEncoded());
            if (digest.AsSpan().SequenceEqual(value) && (issuerSerial is null || Matches(issuerSerial, candidate)))
            {
                detail = $"'{candidate.SubjectDN}' (serial {candidate.SerialNumber.ToString(16)}), named by the signed {(v2 is null ? "signingCertificate" : "signingCertificateV2")}";
                return candidate;
            }
        }

        detail = "the certificate the signer identifier names is not the one the signed signing-certificate attribute names (a swapped certificate)";
        return null;
    }

    private static bool Names(SignerIdentifier id, X509Certificate certificate)
    {
        if (id.ID is Asn1OctetString keyId)
        {
            var ski = certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
            return ski is not null && Asn1OctetString.GetInstance(ski.GetOctets()).GetOctets().AsSpan().SequenceEqual(keyId.GetOctets());
        }

        var issuerAndSerial = IssuerAndSerialNumber.GetInstance(id.ID);
        return certificate.IssuerDN.Equivalent(issuerAndSerial.Issuer) && certificate.SerialNumber.Equals(issuerAndSerial.SerialNumber.Value);
    }

    private static bool Matches(IssuerSerial issuerSerial, X509Certificate certificate) =>
        certificate.SerialNumber.Equals(issuerSerial.Serial.Value)
        && issuerSerial.Issuer.GetNames().Any(n => n.TagNo == GeneralName.DirectoryName && certificate.IssuerDN.Equivalent(X509Name.GetInstance(n.Name)));
}
