using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Signatures.Cms;
using Signatures.Validation.Chains;
using Signatures.Validation.Cms;
using Signatures.Validation.Reports;

namespace Signatures.Validation.TimeStamps;

/// <summary>
/// Checks an RFC 3161 time-stamp token as a proof of existence: its CMS signature (the same checks
/// as a document's, ESSCertID(v2) included), the TSA certificate's sole, critical id-kp-timeStamping
/// (RFC 3161 §2.3), its chain to a trust anchor and validity at genTime, and its imprint against the
/// data it must cover.
/// </summary>
internal sealed class TimeStampTokenValidator(CertificatePathBuilder paths)
{
    /// <summary>What a token must cover, given the token and its imprint's hash algorithm; null with the reason when it cannot be built.</summary>
    public delegate byte[]? CoveredData(SignedDataDocument token, DerObjectIdentifier imprintAlgorithm, out string problem);

    /// <summary>Checks <paramref name="token"/> (a ContentInfo) over what <paramref name="covered"/> gives, with further candidate chain certificates in <paramref name="pool"/>.</summary>
    public TimeStampOutcome Validate(Asn1Encodable token, CoveredData covered, IReadOnlyList<X509Certificate> pool, IReadOnlyList<X509Certificate> anchors)
    {
        byte[] der;
        try
        {
            der = token.ToAsn1Object().GetEncoded(Asn1Encodable.Der);
        }
        catch (Exception e) when (SignedDataReader.IsMalformed(e))
        {
            return new(null, false, "the time-stamp token cannot be encoded", null);
        }

        if (SignedDataReader.TryRead(der, out var problem) is not { } document)
        {
            return new(null, false, "the time-stamp token is not a SignedData: " + problem, null);
        }

        if (!PkcsObjectIdentifiers.IdCTTstInfo.Equals(document.ContentType) || document.Content is null || document.Signers.Count != 1)
        {
            return new(null, false, "the time-stamp token does not encapsulate one TSTInfo signed once", document);
        }

        TstInfo info;
        DateTimeOffset genTime;
        try
        {
            info = TstInfo.GetInstance(Asn1Object.FromByteArray(document.Content));
            genTime = new DateTimeOffset(DateTime.SpecifyKind(info.GenTime.ToDateTime(), DateTimeKind.Utc));
        }
        catch (Exception e) when (SignedDataReader.IsMalformed(e))
        {
            return new(null, false, "the time-stamp token's TSTInfo is malformed", document);
        }

        var serial = info.SerialNumber.Value.ToString(16);
        var signer = document.Signers[0];
        var tsa = SignerCertificateLocator.Find(signer, document.Certificates.Concat(pool), out var located);
        if (tsa is null)
        {
            return Invalid(genTime, null, serial, "the TSA certificate: " + located, document);
        }

        var checks = new ReportBuilder();
        SignerInfoVerifier.Verify(checks, "", signer, document.ContentType, document.Content, tsa);
        if (checks.HasFailed)
        {
            var failed = checks.Checks.First(c => !c.Passed);
            return Invalid(genTime, tsa, serial, $"the token's {failed.Name}: {failed.Detail}", document);
        }

        if (TimeStampingUsage(tsa) is { } unfit)
        {
            return Invalid(genTime, tsa, serial, "the TSA certificate " + unfit, document);
        }

        if (genTime.UtcDateTime < tsa.NotBefore || genTime.UtcDateTime > tsa.NotAfter)
        {
            return Invalid(genTime, tsa, serial, "genTime is outside the TSA certificate's validity", document);
        }

        var path = paths.Build(tsa, [.. document.Certificates, .. pool], anchors);
        if (!path.Found)
        {
            return Invalid(genTime, tsa, serial, "no chain from the TSA certificate to a trust anchor: " + path.Detail, document);
        }

        if (covered(document, info.MessageImprint.HashAlgorithm.Algorithm, out var uncovered) is not { } imprinted)
        {
            return Invalid(genTime, tsa, serial, uncovered, document);
        }

        if (!ImprintMatches(info.MessageImprint, imprinted))
        {
            return Invalid(genTime, tsa, serial, "the token's imprint is not the digest of what it must cover", document);
        }

        return new(new TimestampSummary(genTime, tsa.SubjectDN.ToString(), serial, true), true,
            $"signed by '{CertificateNames.Short(tsa)}', chain {path.Detail}, imprint matches", document);
    }

    private static bool ImprintMatches(MessageImprint imprint, byte[] data)
    {
        try
        {
            return CmsAlgorithms.Hash(imprint.HashAlgorithm.Algorithm, data).AsSpan().SequenceEqual(imprint.GetHashedMessage());
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? TimeStampingUsage(X509Certificate certificate)
    {
        var eku = certificate.CertificateStructure.TbsCertificate.Extensions?.GetExtension(X509Extensions.ExtendedKeyUsage);
        if (eku is null || !eku.IsCritical)
        {
            return "has no critical extended key usage";
        }

        var purposes = ExtendedKeyUsage.GetInstance(eku.GetParsedValue()).GetAllUsages();
        return purposes.Count == 1 && DerObjectIdentifier.GetInstance(purposes[0]).Equals(KeyPurposeID.id_kp_timeStamping)
            ? null
            : "is not for time-stamping only (id-kp-timeStamping)";
    }

    private static TimeStampOutcome Invalid(DateTimeOffset genTime, X509Certificate? tsa, string serial, string detail, SignedDataDocument document) =>
        new(new TimestampSummary(genTime, tsa?.SubjectDN.ToString(), serial, false), false, detail, document);
}
