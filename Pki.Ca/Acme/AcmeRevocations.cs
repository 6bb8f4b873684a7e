using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pki.Ca.Acme.Jws;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Acme;

/// <summary>
/// revoke-cert (RFC 8555 §7.6): signed by the account that ordered the certificate, or by the
/// certificate's own key (a <c>jwk</c> request, for a holder who lost the account but not the
/// key). Reasons a subscriber may give: unspecified, keyCompromise, affiliationChanged,
/// superseded, cessationOfOperation. The revocation itself is the CA's, audited there.
/// </summary>
internal sealed class AcmeRevocations(IAcmeStore store, ICaStore certificates, RevocationService revocations, IAuditTrail audit)
{
    private static readonly Dictionary<int, string> SubscriberReasons = new()
    {
        [0] = "unspecified",
        [1] = "keyCompromise",
        [3] = "affiliationChanged",
        [4] = "superseded",
        [5] = "cessationOfOperation",
    };

    public async Task RevokeAsync(HttpContext context, AcmeRequest request)
    {
        var actor = request.Account is { } signer ? AcmeEvents.Actor(signer.Id) : new AuditActor(User: "acme-certificate-key:" + request.Key.Thumbprint);
        try
        {
            var payload = request.Payload();
            if (!payload.TryGetProperty("certificate", out var text) || text.ValueKind != JsonValueKind.String || !Base64Url.TryDecode(text.GetString(), out var der))
            {
                throw new AcmeRefusal(AcmeProblems.Malformed, "certificate is the base64url DER of the certificate to revoke.");
            }

            var reason = "unspecified";
            if (payload.TryGetProperty("reason", out var code)
                && (code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var number) || !SubscriberReasons.TryGetValue(number, out reason!)))
            {
                throw new AcmeRefusal(AcmeProblems.BadRevocationReason, "reason is one of 0, 1, 3, 4 and 5 (RFC 5280 §5.3.1).");
            }

            var record = await StoredAsync(der, context.RequestAborted);
            if (request.Account is { } account)
            {
                if (await store.FindOrderBySerialAsync(record.SerialNumber, context.RequestAborted) is not { } order || order.AccountId != account.Id)
                {
                    throw new AcmeRefusal(AcmeProblems.Unauthorized, "The certificate was not ordered by this account: sign with its own key instead.");
                }
            }
            else if (!Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(record.Certificate).SubjectPublicKeyInfo.GetEncoded().AsSpan()
                .SequenceEqual(request.Key.SubjectPublicKeyInfo()))
            {
                throw new AcmeRefusal(AcmeProblems.Unauthorized, "The jwk is not the certificate's key.");
            }

            var result = await revocations.ChangeAsync(new RevocationRequest(record.SerialNumber, reason, null, actor,
                context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier), context.RequestAborted);
            // A revocation committed whose CRL is not out yet stands (OCSP answers it already; the CRL schedule catches up).
            if (result.Error is { } error && error.Code != ProblemCodes.CrlPublicationFailed)
            {
                // The CA recorded its refusal.
                throw new AcmeRefusal(error.Code == ProblemCodes.CertificateAlreadyRevoked ? AcmeProblems.AlreadyRevoked : AcmeProblems.ServerInternal, error.Message)
                {
                    Recorded = true,
                };
            }
        }
        catch (AcmeRefusal refusal) when (!refusal.Recorded)
        {
            await audit.RecordAsync(AcmeEvents.Refused(context, actor, AcmeEvents.Revoke, null, refusal), context.RequestAborted);
            throw;
        }
    }

    /// <summary>The stored certificate that is exactly <paramref name="der"/>.</summary>
    private async Task<CertificateRecord> StoredAsync(byte[] der, CancellationToken cancellationToken)
    {
        string serial;
        try
        {
            serial = Issuance.SerialNumbers.ToHex(Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(der).SerialNumber.Value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or IOException)
        {
            throw new AcmeRefusal(AcmeProblems.Malformed, "certificate is not a DER X.509 certificate.");
        }

        return await certificates.GetCertificateAsync(serial, cancellationToken) is { } record && record.Certificate.AsSpan().SequenceEqual(der)
            ? record
            : throw new AcmeRefusal(AcmeProblems.Unauthorized, "The certificate was not issued here.") { Status = StatusCodes.Status404NotFound };
    }
}
