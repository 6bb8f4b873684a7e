using Microsoft.AspNetCore.Http;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Platform.Certificates;
using Platform.Http;
using Pki.Ca.Issuance;

namespace Pki.Ca.Endpoints;

/// <summary>
/// <c>GET /pki/certificates/{serial}/revocation-status</c>: what a relying party would see, read from
/// the same answers it would get: the OCSP responder's response (SHA-1 CertID, no nonce, so the
/// pre-signed answer when cached), its signature checked against the responder certificate it
/// carries and that certificate against the CA; and the CA's current full CRL, its signature
/// checked against the CA, with the certificate's entry if listed. The repository's own status is
/// not consulted here, so a disagreement between the two would show.
/// </summary>
internal static class CertificateRevocationStatus
{
    public static async Task<IResult> GetAsync(
        string serial, ICaStore store, CaRegistry registry, IRevocationEvidence evidence, CancellationToken cancellationToken)
    {
        if (!SerialNumbers.TryNormalize(serial, out var normalized))
        {
            return Problems.Result(ProblemCodes.SerialInvalid, "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        if (await store.GetCertificateAsync(normalized, cancellationToken) is not { } record || !registry.TryGet(record.CaName, out var ca))
        {
            return Problems.Result(ProblemCodes.CertificateUnknown, $"No certificate with serial number {normalized} was issued here.");
        }

        var number = new BigInteger(normalized, 16);
        var ocsp = Ocsp(await evidence.OcspResponseAsync(record.Certificate, cancellationToken), ca);
        byte[]? crlDer;
        try
        {
            crlDer = await evidence.CrlAsync(record.Certificate, cancellationToken);
        }
        catch (Crl.CrlUnavailableException)
        {
            // A CA that publishes no CRL here (an offline root's is signed in a ceremony) shows as having none.
            crlDer = null;
        }

        var crl = Crl(crlDer, ca, number);
        return Results.Json(new RevocationStatusResponse(normalized, record.CaName, ocsp, crl), CaJsonContext.Default.RevocationStatusResponse);
    }

    private static OcspStatusResponse Ocsp(byte[]? der, CertificateAuthority ca)
    {
        if (der is null)
        {
            return new OcspStatusResponse("unavailable", null, null, null, null, null, false);
        }

        var basic = (BasicOcspResp)new OcspResp(der).GetResponseObject();
        var signer = basic.GetCerts().FirstOrDefault();
        // The responder is the CA itself or a delegated responder the CA signed (RFC 6960 §4.2.2.2).
        var structure = Org.BouncyCastle.Asn1.Ocsp.BasicOcspResponse.GetInstance(basic.GetEncoded());
        var signatureValid = Signed(signer?.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded() ?? ca.PublicKeyInfo,
                structure.SignatureAlgorithm, basic.GetTbsResponseData(), basic.GetSignature())
            && (signer is null || Platform.Cryptography.SignatureVerifier.SignedCertificate(ca.PublicKeyInfo, signer));
        var single = basic.Responses[0];
        var (status, revokedAt, reason) = single.GetCertStatus() switch
        {
            null => ("good", (DateTimeOffset?)null, (string?)null),
            RevokedStatus revoked => ("revoked", new DateTimeOffset(revoked.RevocationTime, TimeSpan.Zero),
                revoked.HasRevocationReason ? RevocationReasons.NameOf(revoked.RevocationReason) : null),
            _ => ("unknown", null, null),
        };
        return new OcspStatusResponse(status, new DateTimeOffset(single.ThisUpdate, TimeSpan.Zero),
            single.NextUpdate is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null, revokedAt, reason,
            signer?.SubjectDN.ToString(), signatureValid);
    }

    private static CrlStatusResponse Crl(byte[]? der, CertificateAuthority ca, BigInteger serial)
    {
        if (der is null)
        {
            return new CrlStatusResponse(false, null, null, null, false, null, null, false);
        }

        var crl = new X509Crl(der);
        var signatureValid = Signed(ca.PublicKeyInfo, crl.CertificateList.SignatureAlgorithm, crl.GetTbsCertList(), crl.GetSignature());
        var entry = crl.GetRevokedCertificate(serial);
        string? reason = null;
        if (entry?.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.ReasonCode) is { } value)
        {
            var code = Org.BouncyCastle.Asn1.DerEnumerated.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(value));
            reason = RevocationReasons.NameOf(code.IntValueExact);
        }

        var crlNumber = crl.GetExtensionValue(Org.BouncyCastle.Asn1.X509.X509Extensions.CrlNumber) is { } n
            ? Org.BouncyCastle.Asn1.DerInteger.GetInstance(Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.FromExtensionValue(n)).Value.LongValue
            : (long?)null;
        return new CrlStatusResponse(true, crlNumber, new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero),
            crl.NextUpdate is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null, entry is not null,
            entry is null ? null : new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero), reason, signatureValid);
    }

    private static bool Signed(byte[] publicKeyInfo, Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier algorithm, byte[] data, byte[] signature) =>
        Platform.Cryptography.SignatureSchemes.TryFromAlgorithmIdentifier(algorithm, out var scheme)
        && Platform.Cryptography.SignatureVerifier.Verify(publicKeyInfo, scheme, data, signature);
}
