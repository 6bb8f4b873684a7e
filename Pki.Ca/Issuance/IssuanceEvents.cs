using Pki.Ca.Storage;
using Platform.Auditing;

namespace Pki.Ca.Issuance;

/// <summary>
/// The audit event of an issuance, one shape for every certificate the CA signs: for a
/// department's request, for the platform's own keys (administrator, HTTPS, TSA, attribute
/// authority, renewals), for an OCSP responder and for a subordinate CA.
/// </summary>
internal static class IssuanceEvents
{
    public const string Module = "pki.ca";
    public const string Action = "certificate.issue";

    /// <summary>A successful issuance of <paramref name="record"/>.</summary>
    public static AuditEvent Issued(CertificateRecord record, string keyDescription, AuditActor actor, string? sourceAddress = null, string? requestId = null) => new()
    {
        Module = Module,
        Action = Action,
        Outcome = AuditOutcome.Success,
        Actor = actor,
        Target = record.SerialNumber,
        SourceAddress = sourceAddress,
        RequestId = requestId,
        Details = new Dictionary<string, string>
        {
            ["ca"] = record.CaName,
            ["profile"] = record.Profile,
            ["subject"] = record.Subject,
            ["key"] = keyDescription,
            ["notAfter"] = record.NotAfter.ToString("O"),
        },
    };
}
