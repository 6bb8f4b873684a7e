using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Signatures.Validation.Chains;
using Signatures.Validation.Cms;
using Signatures.Validation.Reports;
using Signatures.Validation.Revocation;
using Signatures.Validation.TimeStamps;

using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Signatures.Validation;

/// <summary>
/// Validates CMS/CAdES signatures into reports shaped as EN 319 102-1's (basic validation, with
/// the signature time-stamp as proof of existence for validation at a past time). Changes nothing
/// and writes nothing: the costs are a few signature verifications, and a call to the platform's
/// CA only for a certificate whose revocation data the signature does not carry.
/// </summary>
internal sealed partial class SignatureValidator(
    TrustAnchors anchors, CertificatePathBuilder paths, TimeStampTokenValidator timeStamps, RevocationChecker revocation, TimeProvider time,
    IPlatformCertificateIssuer? issuer = null)
{
    /// <summary>The report on <paramref name="signature"/> (a DER or BER ContentInfo), over <paramref name="content"/> when it is detached.</summary>
    public async Task<ValidationReport> ValidateAsync(byte[] signature, byte[]? content, CancellationToken cancellationToken = default)
    {
        if (SignedDataReader.TryRead(signature, out var problem) is not { } document)
        {
            return ValidationReport.Unreadable(Indications.TotalFailed, SubIndications.FormatFailure,
                [new ValidationCheck("format", CheckStatus.Failed, problem)]);
        }

        var reports = new List<SignatureReport>(document.Signers.Count);
        foreach (var signer in document.Signers)
        {
            try
            {
                reports.Add(await ValidateSignerAsync(document, signer, content, cancellationToken));
            }
            catch (Exception e) when (SignedDataReader.IsMalformed(e))
            {
                // A field deep inside (an attribute value, a certificate reference, a token) of the wrong shape.
                reports.Add(new SignatureReport(Indications.TotalFailed, SubIndications.FormatFailure, null, null, null, null, null,
                    [new ValidationCheck("format", CheckStatus.Failed, "a structure inside the SignerInfo is malformed (a field of the wrong type or shape)")]));
            }
        }

        return ValidationReport.Of(reports);
    }

    private async Task<SignatureReport> ValidateSignerAsync(SignedDataDocument document, SignerInfo signer, byte[]? given, CancellationToken cancellationToken)
    {
        var report = new ReportBuilder();
        report.Pass("format", $"a CMS SignedData with {document.Signers.Count} SignerInfo(s), content type {document.ContentType.Id}, {(document.Content is null ? "detached" : "encapsulated")}");
        var signingTime = SignedAttributes.SigningTime(signer.SignedAttrs);
        var level = LevelOf(document, signer);
        var content = document.Content ?? given;
        if (document.Content is not null && given is not null && !given.AsSpan().SequenceEqual(document.Content))
        {
            report.Fail("content", Indications.TotalFailed, SubIndications.HashFailure, "the content given is not the content the signature encapsulates");
        }

        var certificate = SignerCertificateLocator.Find(signer, document.Certificates, out var located);
        if (certificate is null)
        {
            report.Fail("signing-certificate", Indications.Indeterminate, SubIndications.NoSigningCertificateFound, located);
            return Report(report, null, signer, signingTime, null, null, level);
        }

        report.Pass("signing-certificate", located);
        SignerInfoVerifier.Verify(report, "", signer, document.ContentType, content, certificate);

        var trusted = anchors.All;
        var pool = document.Certificates;
        var (stamp, poe) = SignatureTimeStamp(report, signer, pool, trusted);

        var path = paths.Build(certificate, pool, trusted);
        if (!path.Found && await PlatformChainAsync(certificate, cancellationToken) is { Count: > 0 } chain)
        {
            pool = [.. pool, .. chain];
            path = paths.Build(certificate, pool, trusted);
        }

        var archive = content is null ? null : ArchiveTimeStamp(report, document, signer, content, pool, trusted);
        if (!path.Found)
        {
            report.Fail("certificate-chain", Indications.Indeterminate, SubIndications.NoCertificateChainFound, path.Detail);
            return Report(report, certificate, signer, signingTime, stamp, archive, level);
        }

        report.Pass("certificate-chain", path.Detail);
        if (SignerKeyUsage.AllowsSigning(certificate))
        {
            report.Pass("key-usage", "the signer's key usage allows signing (digitalSignature or contentCommitment)");
        }
        else
        {
            report.Fail("key-usage", Indications.Indeterminate, SubIndications.ChainConstraintsFailure,
                "the signer's certificate has key usage without digitalSignature and contentCommitment");
        }

        var status = await revocation.CheckAsync(certificate, path.IssuerOfFirst!, EmbeddedRevocationData.Of(document.Data, signer), poe, cancellationToken);
        JudgeInTime(report, certificate, path, status, signingTime, poe, time.GetUtcNow());
        return Report(report, certificate, signer, signingTime, stamp, archive, level);
    }

    /// <summary>The first valid signature time-stamp (the earliest proof of existence), or the first one found when none is valid.</summary>
    private (TimestampSummary? Summary, DateTimeOffset? Poe) SignatureTimeStamp(
        ReportBuilder report, SignerInfo signer, IReadOnlyList<X509Certificate> pool, IReadOnlyList<X509Certificate> trusted)
    {
        var values = SignedAttributes.All(signer.UnsignedAttrs, PkcsObjectIdentifiers.IdAASignatureTimeStampToken).SelectMany(a => a.AttrValues.Cast<Asn1Encodable>()).ToList();
        if (values.Count == 0)
        {
            report.Skip("signature-time-stamp", "the signature has no time-stamp: no proof of existence but the validation time");
            return (null, null);
        }

        var value = signer.Signature.GetOctets();
        var outcomes = values.Select(v => timeStamps.Validate(v, SignatureValue, pool, trusted)).ToList();
        var best = outcomes.Where(o => o.Valid).MinBy(o => o.Summary!.GenTime);
        if (best is not null)
        {
            report.Pass("signature-time-stamp", $"genTime {best.Summary!.GenTime:O} is a proof of existence of the signature value: {best.Detail}");
            return (best.Summary, best.Summary.GenTime);
        }

        byte[]? SignatureValue(SignedDataDocument token, DerObjectIdentifier algorithm, out string problem)
        {
            problem = "";
            return value;
        }

        // EN 319 102-1 §5.5: a time-stamp that does not validate proves nothing; the signature is judged without it.
        report.Note("signature-time-stamp", "the time-stamp gives no proof of existence: " + outcomes[0].Detail);
        return (outcomes[0].Summary, null);
    }

    private TimestampSummary? ArchiveTimeStamp(
        ReportBuilder report, SignedDataDocument document, SignerInfo signer, byte[] content, IReadOnlyList<X509Certificate> pool, IReadOnlyList<X509Certificate> trusted)
    {
        var value = SignedAttributes.All(signer.UnsignedAttrs, ArchiveTimeStampImprint.ArchiveTimeStampV3).SelectMany(a => a.AttrValues.Cast<Asn1Encodable>()).FirstOrDefault();
        if (value is null)
        {
            return null;
        }

        var outcome = timeStamps.Validate(value, Covered, pool, trusted);
        if (outcome.Valid)
        {
            report.Pass("archive-time-stamp", $"genTime {outcome.Summary!.GenTime:O}: {outcome.Detail}");
        }
        else
        {
            report.Note("archive-time-stamp", "the archive time-stamp does not validate: " + outcome.Detail);
        }

        return outcome.Summary;

        byte[]? Covered(SignedDataDocument token, DerObjectIdentifier algorithm, out string problem)
        {
            try
            {
                return ArchiveTimeStampImprint.Covered(document, signer, content, token.Signers[0], algorithm, out problem);
            }
            catch (Exception e) when (SignedDataReader.IsMalformed(e))
            {
                problem = "the ats-hash-index-v3 is malformed or uses a digest algorithm that is not accepted";
                return null;
            }
        }
    }

    /// <summary>For a certificate of the platform's CA whose chain the signature lacks, that chain.</summary>
    private async Task<IReadOnlyList<X509Certificate>?> PlatformChainAsync(X509Certificate certificate, CancellationToken cancellationToken)
    {
        if (issuer is null)
        {
            return null;
        }

        var found = await issuer.FindCurrentAsync(certificate.SerialNumber.ToString(16), cancellationToken);
        return found is null || !found.Certificate.AsSpan().SequenceEqual(certificate.GetEncoded()) ? null : [.. found.Chain.Select(d => new X509Certificate(d))];
    }

    private static string LevelOf(SignedDataDocument document, SignerInfo signer)
    {
        var unsigned = signer.UnsignedAttrs;
        if (SignedAttributes.All(unsigned, ArchiveTimeStampImprint.ArchiveTimeStampV3).Any())
        {
            return "B-LTA";
        }

        if (!SignedAttributes.All(unsigned, PkcsObjectIdentifiers.IdAASignatureTimeStampToken).Any())
        {
            return "B-B";
        }

        var carriesRevocation = (document.Data.CRLs?.Count ?? 0) > 0 || SignedAttributes.All(unsigned, PkcsObjectIdentifiers.IdAAEtsRevocationValues).Any();
        return carriesRevocation ? "B-LT" : "B-T";
    }

    private static SignatureReport Report(ReportBuilder report, X509Certificate? certificate, SignerInfo signer, DateTimeOffset? signingTime,
        TimestampSummary? stamp, TimestampSummary? archive, string level)
    {
        var summary = certificate is null ? null : new SignerSummary(certificate.SubjectDN.ToString(), CertificateNames.Serial(certificate),
            certificate.IssuerDN.ToString(), Utc(certificate.NotBefore), Utc(certificate.NotAfter), SignerInfoVerifier.SchemeName(signer));
        return new SignatureReport(report.Indication, report.SubIndication, summary, signingTime, stamp, archive, level, [.. report.Checks]);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
