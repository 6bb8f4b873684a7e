using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Pki.Ca.Issuance;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using CertificateStatus = Org.BouncyCastle.Ocsp.CertificateStatus;
using Platform.Keys;
using Platform.Cryptography.BouncyCastle;
using Platform.Der;

namespace Pki.Ca.Ocsp;

/// <summary>
/// Answers RFC 6960 requests: good, revoked (time and reason) or unknown for each CertID,
/// signed by the delegated responder of the CA asked about, with the nonce echoed (RFC 8954).
/// Every malformed input gets a malformedRequest response, never an exception.
/// </summary>
public sealed class OcspResponder(
    OcspResponderCertificates responders, ICaStore store, IOptions<CaOptions> options, TimeProvider time, Hierarchy.CaRegistry registry)
{
    /// <summary>The largest request accepted.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>RFC 8954 §2.1: a nonce is 1 to 32 octets.</summary>
    public const int MaxNonceBytes = 32;

    /// <summary>The most CertIDs answered in one request.</summary>
    public const int MaxCertificatesPerRequest = 64;

    private readonly OcspIssuerIndex issuers = new(registry);

    /// <summary>An OCSPResponse with only a status and no body.</summary>
    public static byte[] ErrorResponse(int status) => new OcspResponse(new OcspResponseStatus(status), null).GetEncoded();

    /// <summary>Answers a DER OCSPRequest.</summary>
    public async Task<OcspAnswer> RespondAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (request.Length is 0 or > MaxRequestBytes || !DerGuard.IsWellFormed(request.Span))
        {
            return Error(OcspRespStatus.MalformedRequest, now);
        }

        Req[] list;
        byte[]? nonceExtension;
        try
        {
            var parsed = new OcspReq(request.ToArray());
            list = parsed.GetRequestList();
            if (!TryReadNonce(parsed.RequestExtensions, out nonceExtension))
            {
                return Error(OcspRespStatus.MalformedRequest, now);
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or FormatException or OcspException)
        {
            return Error(OcspRespStatus.MalformedRequest, now);
        }

        if (list.Length is 0 or > MaxCertificatesPerRequest)
        {
            return Error(OcspRespStatus.MalformedRequest, now);
        }

        Hierarchy.CertificateAuthority? ca = null;
        foreach (var single in list)
        {
            var id = single.GetCertID();
            if (!OcspIssuerIndex.IsSupportedHash(new DerObjectIdentifier(id.HashAlgOid)))
            {
                return Error(OcspRespStatus.MalformedRequest, now);
            }

            var found = issuers.Find(new DerObjectIdentifier(id.HashAlgOid), id.GetIssuerNameHash(), id.GetIssuerKeyHash());
            if (found is null || (ca is not null && found != ca))
            {
                // Not one of our CAs, or several CAs in one request: a response is signed for one CA.
                return Error(OcspRespStatus.Unauthorized, now);
            }

            ca = found;
        }

        var signer = responders.For(ca!.Name);
        if (signer is null)
        {
            // RFC 6960 §2.3: a CA whose key is offline has no responder here.
            return Error(ca.IsOffline ? OcspRespStatus.Unauthorized : OcspRespStatus.InternalError, now);
        }

        var nextUpdate = now + TimeSpan.FromMinutes(options.Value.Ocsp.ValidityMinutes);
        var generator = new BasicOcspRespGenerator(new RespID(new ResponderID(new DerOctetString(
            CertificateSigner.KeyIdentifier(signer.Certificate.CertificateStructure.SubjectPublicKeyInfo)))));
        var serials = new List<string>(list.Length);
        var summary = Metrics.OcspStatus.Good;
        foreach (var single in list)
        {
            var id = single.GetCertID();
            var serial = SerialNumbers.ToHex(id.SerialNumber);
            serials.Add(serial);
            var record = id.SerialNumber.SignValue > 0 ? await store.GetCertificateAsync(serial, cancellationToken) : null;
            var status = StatusOf(record, ca.Name);
            summary = Worst(summary, status);
            generator.AddResponse(id, status, now.UtcDateTime, nextUpdate.UtcDateTime, null);
        }

        if (nonceExtension is not null)
        {
            generator.SetResponseExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
            {
                [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(nonceExtension)),
            }));
        }

        BasicOcspResp basic;
        try
        {
            basic = generator.Generate(new SigningKeySignatureFactory(signer.Key), [signer.Certificate], now.UtcDateTime);
        }
        catch (OcspException e) when (e.InnerException is KeyStoreUnavailableException unavailable)
        {
            // Bouncy Castle wraps what the signer throws; a key store's passing fault is answered tryLater, so it goes on as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unavailable);
            throw;
        }

        var der = new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded();
        return new OcspAnswer(der, nonceExtension is null, serials, now, nextUpdate) { Status = summary };
    }

    private static Metrics.OcspStatus Worst(Metrics.OcspStatus summary, CertificateStatus? status) => status switch
    {
        RevokedStatus => Metrics.OcspStatus.Revoked,
        UnknownStatus when summary != Metrics.OcspStatus.Revoked => Metrics.OcspStatus.Unknown,
        _ => summary,
    };

    private static CertificateStatus? StatusOf(CertificateRecord? record, string caName)
    {
        if (record is null || record.CaName != caName)
        {
            return new UnknownStatus();
        }

        if (record.RevokedAt is not { } revokedAt)
        {
            return CertificateStatus.Good;
        }

        var reason = RevocationReasons.CodeOf(record.RevocationReason);
        return reason == CrlReason.Unspecified
            ? new RevokedStatus(revokedAt.UtcDateTime)
            : new RevokedStatus(revokedAt.UtcDateTime, reason);
    }

    /// <summary>
    /// Reads the nonce extension's value (an OCTET STRING holding the nonce). False when a nonce
    /// is present but empty or longer than <see cref="MaxNonceBytes"/>, or when the request has a
    /// critical extension we do not understand.
    /// </summary>
    private static bool TryReadNonce(X509Extensions? extensions, out byte[]? nonceExtension)
    {
        nonceExtension = null;
        if (extensions is null)
        {
            return true;
        }

        foreach (var oid in extensions.GetExtensionOids())
        {
            var extension = extensions.GetExtension(oid);
            if (!oid.Equals(OcspObjectIdentifiers.PkixOcspNonce))
            {
                if (extension.IsCritical)
                {
                    return false;
                }

                continue;
            }

            var value = extension.Value.GetOctets();
            var nonce = value;
            if (value.Length > 0 && value[0] == 0x04 && DerGuard.IsWellFormed(value))
            {
                nonce = Asn1OctetString.GetInstance(value).GetOctets();
            }

            if (nonce.Length is 0 or > MaxNonceBytes)
            {
                return false;
            }

            nonceExtension = value;
        }

        return true;
    }

    private static OcspAnswer Error(int status, DateTimeOffset now) => new(ErrorResponse(status), false, [], now, now);
}
