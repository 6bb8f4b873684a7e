using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Signatures.Cms;
using Signatures.Validation.Reports;

namespace Signatures.Validation.Cms;

/// <summary>
/// The cryptographic checks of one SignerInfo (EN 319 102-1 §5.2.7), for a document's signature and
/// for a time-stamp token alike: signed attributes present, contentType matching eContentType,
/// messageDigest equal to the digest of the content, and the signature value over the DER signed
/// attributes verifying with the signer's key under the algorithms the SignerInfo names.
/// </summary>
internal static class SignerInfoVerifier
{
    /// <summary>
    /// Checks <paramref name="signer"/> over <paramref name="content"/> (null: detached and not given)
    /// with <paramref name="certificate"/>'s key; each check goes to <paramref name="report"/> under
    /// names prefixed with <paramref name="prefix"/>.
    /// </summary>
    public static void Verify(ReportBuilder report, string prefix, SignerInfo signer, DerObjectIdentifier contentType, byte[]? content, X509Certificate certificate)
    {
        var attributes = signer.SignedAttrs;
        if (attributes is null || attributes.Count == 0)
        {
            report.Fail(prefix + "signed-attributes", Indications.TotalFailed, SubIndications.FormatFailure,
                "the SignerInfo has no signed attributes; CAdES requires them (contentType, messageDigest, signingCertificateV2)");
            return;
        }

        var declared = SignedAttributes.Single(attributes, CmsAttributes.ContentType, out var ambiguousType);
        if (declared is null || !contentType.Equals(DerObjectIdentifier.GetInstance(declared)))
        {
            report.Fail(prefix + "content-type", Indications.TotalFailed, SubIndications.FormatFailure, ambiguousType || declared is not null
                ? "the contentType attribute is repeated, or differs from the encapsulated content's type"
                : "the signed attributes have no contentType");
        }
        else
        {
            report.Pass(prefix + "content-type", "contentType " + contentType.Id + " matches the encapsulated content");
        }

        CheckDigest(report, prefix, signer, content);
        CheckSignatureValue(report, prefix, signer, certificate);
    }

    private static void CheckDigest(ReportBuilder report, string prefix, SignerInfo signer, byte[]? content)
    {
        var name = prefix + "message-digest";
        if (SignedAttributes.Single(signer.SignedAttrs, CmsAttributes.MessageDigest, out _) is not { } value || value is not Asn1OctetString digest)
        {
            report.Fail(name, Indications.TotalFailed, SubIndications.FormatFailure, "the signed attributes have no single messageDigest octet string");
            return;
        }

        if (content is null)
        {
            report.Fail(name, Indications.Indeterminate, SubIndications.SignedDataNotFound,
                "the signature is detached and no content was given to compare its messageDigest with");
            return;
        }

        byte[] actual;
        try
        {
            actual = CmsAlgorithms.Hash(signer.DigestAlgorithm.Algorithm, content);
        }
        catch (ArgumentException)
        {
            report.Fail(name, Indications.Indeterminate, SubIndications.CryptoConstraintsFailure,
                $"the digest algorithm {signer.DigestAlgorithm.Algorithm.Id} is not accepted (SHA-256, SHA-384, SHA-512 or SM3)");
            return;
        }

        if (actual.AsSpan().SequenceEqual(digest.GetOctets()))
        {
            report.Pass(name, "messageDigest is the digest of the content");
        }
        else
        {
            report.Fail(name, Indications.TotalFailed, SubIndications.HashFailure, "messageDigest is not the digest of the content: the content was altered, or is another document");
        }
    }

    private static void CheckSignatureValue(ReportBuilder report, string prefix, SignerInfo signer, X509Certificate certificate)
    {
        var name = prefix + "signature-value";
        if (!CmsAlgorithms.TryScheme(signer.DigestAlgorithm, signer.SignatureAlgorithm, out var scheme))
        {
            report.Fail(name, Indications.Indeterminate, SubIndications.CryptoConstraintsFailure,
                $"the algorithms {signer.DigestAlgorithm.Algorithm.Id} with {signer.SignatureAlgorithm.Algorithm.Id} are not accepted");
            return;
        }

        var signed = signer.SignedAttrs.GetEncoded(Asn1Encodable.Der);
        var spki = certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        if (SignatureVerifier.Verify(spki, scheme, signed, signer.Signature.GetOctets()))
        {
            report.Pass(name, $"the {scheme} signature over the signed attributes verifies with the signer's key");
        }
        else
        {
            report.Fail(name, Indications.TotalFailed, SubIndications.SigCryptoFailure,
                $"the {scheme} signature over the signed attributes does not verify with the signer's key");
        }
    }

    /// <summary>The signature scheme the SignerInfo names, for the report; null when none.</summary>
    public static string? SchemeName(SignerInfo signer) =>
        CmsAlgorithms.TryScheme(signer.DigestAlgorithm, signer.SignatureAlgorithm, out var scheme) ? scheme.ToString() : null;
}
