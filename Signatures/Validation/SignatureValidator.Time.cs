using Org.BouncyCastle.X509;
using Signatures.Validation.Chains;
using Signatures.Validation.Reports;
using Signatures.Validation.Revocation;

namespace Signatures.Validation;

internal sealed partial class SignatureValidator
{
    /// <summary>
    /// The signer's certificate in time (EN 319 102-1 §5.2.6 and the past signature validation of
    /// §5.6.2.4, simplified): with a proof of existence (a valid signature time-stamp) the
    /// certificate must have been valid and not revoked at that time, whatever happened since;
    /// without one, it must be valid and not revoked now. The claimed signing time must not be
    /// before the certificate's validity. The CA certificates must be valid at the same time.
    /// </summary>
    private static void JudgeInTime(ReportBuilder report, X509Certificate certificate, CertificatePath path, RevocationStatus status,
        DateTimeOffset? signingTime, DateTimeOffset? poe, DateTimeOffset now)
    {
        var notBefore = Utc(certificate.NotBefore);
        var notAfter = Utc(certificate.NotAfter);
        var at = poe ?? now;
        var outOfBoundsNoPoe = poe is null && (now > notAfter || now < notBefore);
        JudgeRevocation(report, status, poe, outOfBoundsNoPoe);

        if ((signingTime ?? poe) is { } claimed && claimed < notBefore)
        {
            report.Fail("validity", Indications.TotalFailed, SubIndications.NotYetValid,
                $"the certificate is valid from {notBefore:O}, after the {(signingTime is null ? "time-stamp" : "claimed signing time")} {claimed:O}");
        }
        else if (poe is { } p && p > notAfter)
        {
            report.Fail("validity", Indications.TotalFailed, SubIndications.Expired, $"the certificate expired at {notAfter:O}, before the time-stamp {p:O}");
        }
        else if (outOfBoundsNoPoe)
        {
            var notRevoked = status.State == RevocationState.Good;
            report.Fail("validity", Indications.Indeterminate, notRevoked ? SubIndications.OutOfBoundsNotRevoked : SubIndications.OutOfBoundsNoPoe,
                $"the certificate is valid from {notBefore:O} to {notAfter:O}, not now, and no time-stamp proves the signature existed within that time"
                + (notRevoked ? "; revocation data shows it was not revoked" : ""));
        }
        else
        {
            report.Pass("validity", poe is null ? $"the certificate is valid now (until {notAfter:O})" : $"the certificate was valid at the time-stamp {at:O}");
        }

        var outdated = path.Certificates.Skip(1).FirstOrDefault(ca => at < Utc(ca.NotBefore) || at > Utc(ca.NotAfter));
        if (outdated is not null)
        {
            report.Fail("chain-validity", Indications.Indeterminate, SubIndications.OutOfBoundsNoPoe,
                $"the CA certificate '{outdated.SubjectDN}' was not valid at {at:O}");
        }
    }

    private static void JudgeRevocation(ReportBuilder report, RevocationStatus status, DateTimeOffset? poe, bool outOfBoundsNoPoe)
    {
        const string Name = "revocation";
        switch (status.State)
        {
            case RevocationState.Revoked when poe is { } p && p < status.RevokedAt:
                report.Pass(Name, $"revoked at {status.RevokedAt:O}, after the time-stamp {p:O} proves the signature existed ({status.Source})");
                break;
            case RevocationState.Revoked when poe is { } p:
                report.Fail(Name, Indications.TotalFailed, SubIndications.Revoked,
                    $"revoked at {status.RevokedAt:O}{Reason(status)}, at or before the time-stamp {p:O} ({status.Source})");
                break;
            case RevocationState.Revoked:
                report.Fail(Name, Indications.Indeterminate, SubIndications.RevokedNoPoe,
                    $"revoked at {status.RevokedAt:O}{Reason(status)}, and no time-stamp proves the signature existed before ({status.Source})");
                break;
            case RevocationState.Good:
                report.Pass(Name, $"not revoked as of {status.IssuedAt:O} ({status.Source})");
                break;
            case RevocationState.Unknown when outOfBoundsNoPoe:
                // The certificate is outside its validity now: its validity check gives the verdict.
                report.Undecided(Name, status.Source);
                break;
            default:
                report.Fail(Name, Indications.Indeterminate, SubIndications.TryLater, "the revocation status cannot be established: " + status.Source);
                break;
        }
    }

    private static string Reason(RevocationStatus status) => status.Reason is { } reason ? $" (reason {reason})" : "";
}
