using Microsoft.Extensions.Logging;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Revocation;

/// <summary>
/// Revokes certificates and lifts holds. The change and its audit event are committed together,
/// the event reaches the trail, and the change is pushed to every listener (CRLs, OCSP) before the caller hears back, so the next
/// CRL or OCSP answer already shows it.
/// </summary>
public sealed partial class RevocationService(
    ICaStore certificates, IRevocationStore revocations, IEnumerable<IRevocationListener> listeners, IAuditTrail audit, TimeProvider time,
    ILogger<RevocationService> logger, Metrics.CaMetrics metrics)
{
    /// <summary>Revokes, or with reason <c>removeFromCRL</c> lifts a hold.</summary>
    public async Task<RevocationResult> ChangeAsync(RevocationRequest request, CancellationToken cancellationToken = default)
    {
        if (!SerialNumbers.TryNormalize(request.SerialNumber, out var serial))
        {
            return Refuse(ProblemCodes.SerialInvalid, "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        var release = request.Reason == RevocationReasons.RemoveFromCrl;
        if (!RevocationReasons.TryGetCode(request.Reason, out _))
        {
            return await AuditedRefusalAsync(request, serial, ProblemCodes.ReasonInvalid,
                $"The reason must be one of {string.Join(", ", RevocationReasons.Names)}.", cancellationToken);
        }

        var now = time.GetUtcNow();
        if (request.InvalidityDate > now)
        {
            return await AuditedRefusalAsync(request, serial, ProblemCodes.InvalidityDateInvalid, "The invalidity date cannot be in the future.", cancellationToken);
        }

        var certificate = await certificates.GetCertificateAsync(serial, cancellationToken);
        if (certificate is null)
        {
            return await AuditedRefusalAsync(request, serial, ProblemCodes.CertificateUnknown, $"No certificate with serial number {serial} was issued here.", cancellationToken);
        }

        // The success event is staged with the change and only if the change is made, so a refused
        // revocation leaves exactly one event: its failure.
        var action = release ? "certificate.release-hold" : "certificate.revoke";
        var changed = Event(request, action, AuditOutcome.Success, serial, new Dictionary<string, string>
        {
            ["reason"] = request.Reason!,
            ["subject"] = certificate.Subject,
        });
        var write = release
            ? await revocations.ReleaseHoldAsync(serial, changed, cancellationToken)
            : await revocations.RevokeAsync(serial, request.Reason!, now, request.InvalidityDate, changed, cancellationToken);
        if (write != RevocationWrite.Done)
        {
            var (code, message) = write switch
            {
                RevocationWrite.NotOnHold => (ProblemCodes.CertificateNotOnHold, "Only a certificate on hold (certificateHold) can be released."),
                RevocationWrite.NotFound => (ProblemCodes.CertificateUnknown, $"No certificate with serial number {serial} was issued here."),
                _ => (ProblemCodes.CertificateAlreadyRevoked, "The certificate is revoked already; only a hold can be changed."),
            };
            return await AuditedRefusalAsync(request, serial, code, message, cancellationToken, action);
        }

        if (!release)
        {
            metrics.CertificateRevoked(certificate.CaName, certificate.Profile, request.Reason!);
        }

        // Committed: the OCSP answers and CRLs follow even if the client has gone meanwhile.
        try
        {
            foreach (var listener in listeners)
            {
                await listener.RevocationChangedAsync(certificate.CaName, serial, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // The OCSP answers went first and cannot fail; the CRL schedule publishes what is missing.
            LogPublicationFailed(logger, e, serial);
            return Refuse(ProblemCodes.CrlPublicationFailed,
                "The change is recorded and OCSP answers it, but publishing the CRL failed; the CRL schedule publishes it shortly.");
        }

        return new RevocationResult(await certificates.GetCertificateAsync(serial, cancellationToken), null);
    }

    private async Task<RevocationResult> AuditedRefusalAsync(
        RevocationRequest request, string serial, ProblemCode code, string message, CancellationToken cancellationToken, string action = "certificate.revoke")
    {
        await audit.RecordAsync(Event(request, action, AuditOutcome.Failure, serial, new Dictionary<string, string>
        {
            ["reason"] = request.Reason ?? "",
            ["code"] = code.Value,
        }), cancellationToken);
        return Refuse(code, message);
    }

    private static RevocationResult Refuse(ProblemCode code, string message) => new(null, new IssuanceError(code, message));

    private static AuditEvent Event(RevocationRequest request, string action, AuditOutcome outcome, string serial, Dictionary<string, string> details) => new()
    {
        Module = "pki.ca",
        Action = action,
        Outcome = outcome,
        Actor = request.Requester,
        Target = serial,
        SourceAddress = request.SourceAddress,
        RequestId = request.RequestId,
        Details = details,
    };

    [LoggerMessage(EventId = 2120, Level = LogLevel.Error, Message = "Certificate {Serial}: the change is committed but its CRL could not be published")]
    private static partial void LogPublicationFailed(ILogger logger, Exception exception, string serial);
}
