using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Signatures.Validation.Chains;
using Signatures.Validation.Cms;

namespace Signatures.Validation.Revocation;

/// <summary>
/// The revocation status of a certificate from data that verifies: a CRL signed by the
/// certificate's issuer, or an OCSP response signed by the issuer or by a responder the issuer
/// delegated (id-kp-OCSPSigning, RFC 6960 §4.2.2.2). The data in the signature comes first; the
/// platform's CA is asked (<see cref="IRevocationEvidence"/>) only when that data is missing or
/// older than the proof of existence it must cover, so a long-term signature costs no call.
/// </summary>
internal sealed class RevocationChecker(CertificatePathBuilder paths, VerifiedSignatures signatures, IRevocationEvidence? evidence = null)
{
    /// <summary>
    /// The status of <paramref name="certificate"/>, issued by <paramref name="issuer"/>, from
    /// <paramref name="embedded"/> and, if needed, the platform; data issued at or after
    /// <paramref name="poe"/> is enough when there is a proof of existence.
    /// </summary>
    public async Task<RevocationStatus> CheckAsync(
        X509Certificate certificate, X509Certificate issuer, RevocationData embedded, DateTimeOffset? poe, CancellationToken cancellationToken)
    {
        var status = Decide(certificate, issuer, embedded, "the signature");
        var fresh = status.State == RevocationState.Revoked || (status.State == RevocationState.Good && poe is { } p && status.IssuedAt >= p);
        if (fresh || evidence is null)
        {
            return status;
        }

        var fetched = await FetchAsync(certificate, cancellationToken);
        if (fetched.IsEmpty)
        {
            return status;
        }

        var current = Decide(certificate, issuer, fetched, "the platform's CA");
        return current.State == RevocationState.Unknown ? status : current;
    }

    private async Task<RevocationData> FetchAsync(X509Certificate certificate, CancellationToken cancellationToken)
    {
        var der = certificate.GetEncoded();
        var responses = new List<BasicOcspResp>();
        if (await evidence!.OcspResponseAsync(der, cancellationToken) is { } ocsp)
        {
            try
            {
                EmbeddedRevocationData.AddResponse(responses, OcspResponse.GetInstance(Asn1Object.FromByteArray(ocsp)));
            }
            catch (Exception e) when (SignedDataReader.IsMalformed(e) || e is OcspException)
            {
            }
        }

        if (responses.Count > 0)
        {
            return new RevocationData([], responses);
        }

        return await evidence.CrlAsync(der, cancellationToken) is { } crl ? new RevocationData([new X509Crl(crl)], []) : RevocationData.None;
    }

    private RevocationStatus Decide(X509Certificate certificate, X509Certificate issuer, RevocationData data, string where)
    {
        var statements = new List<RevocationStatus>();
        foreach (var crl in data.Crls)
        {
            if (FromCrl(certificate, issuer, crl, where) is { } s)
            {
                statements.Add(s);
            }
        }

        foreach (var response in data.OcspResponses)
        {
            statements.AddRange(FromOcsp(certificate, issuer, response, where));
        }

        var revoked = statements.Where(s => s.State == RevocationState.Revoked).MinBy(s => s.RevokedAt);
        return revoked ?? statements.Where(s => s.State == RevocationState.Good).MaxBy(s => s.IssuedAt)
            ?? RevocationStatus.Unknown(data.IsEmpty ? $"{where} has no revocation data" : $"no revocation data in {where} verifies and covers the certificate");
    }

    private RevocationStatus? FromCrl(X509Certificate certificate, X509Certificate issuer, X509Crl crl, string where)
    {
        if (!crl.IssuerDN.Equivalent(certificate.IssuerDN)
            || !signatures.Verify(issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), crl.CertificateList.SignatureAlgorithm, crl.GetTbsCertList(), crl.GetSignature()))
        {
            return null;
        }

        var issued = Utc(crl.ThisUpdate);
        var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
        if (entry is null)
        {
            return new(RevocationState.Good, issued, null, null, $"CRL of {issued:u} in {where}");
        }

        int? reason = null;
        if (entry.GetExtensionValue(X509Extensions.ReasonCode) is { } value)
        {
            reason = DerEnumerated.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).IntValueExact;
        }

        return new(RevocationState.Revoked, issued, Utc(entry.RevocationDate), reason, $"CRL of {issued:u} in {where}");
    }

    private IEnumerable<RevocationStatus> FromOcsp(X509Certificate certificate, X509Certificate issuer, BasicOcspResp response, string where)
    {
        var signer = ResponderKey(issuer, response);
        var structure = BasicOcspResponse.GetInstance(response.GetEncoded());
        if (signer is null || !signatures.Verify(signer, structure.SignatureAlgorithm, response.GetTbsResponseData(), response.GetSignature()))
        {
            yield break;
        }

        foreach (var single in response.Responses)
        {
            var id = single.GetCertID();
            if (!id.SerialNumber.Equals(certificate.SerialNumber) || !Matches(id, issuer))
            {
                continue;
            }

            var issued = Utc(single.ThisUpdate);
            var source = $"OCSP response of {issued:u} in {where}";
            switch (single.GetCertStatus())
            {
                case null:
                    yield return new(RevocationState.Good, issued, null, null, source);
                    break;
                case RevokedStatus revoked:
                    yield return new(RevocationState.Revoked, issued, Utc(revoked.RevocationTime), revoked.HasRevocationReason ? revoked.RevocationReason : null, source);
                    break;
            }
        }
    }

    /// <summary>The key that may sign OCSP answers about <paramref name="issuer"/>'s certificates: its own, or that of a responder it certified for OCSP signing.</summary>
    private byte[]? ResponderKey(X509Certificate issuer, BasicOcspResp response)
    {
        var id = ResponderID.GetInstance(response.ResponderId.ToAsn1Object());
        if (Identifies(id, issuer))
        {
            return issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        }

        var produced = response.ProducedAt;
        foreach (var candidate in response.GetCerts() ?? [])
        {
            if (Identifies(id, candidate) && paths.IsIssuerOf(issuer, candidate) && IsOcspSigner(candidate)
                && produced >= candidate.NotBefore && produced <= candidate.NotAfter)
            {
                return candidate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
            }
        }

        return null;
    }

    private static bool Identifies(ResponderID id, X509Certificate certificate) =>
        id.Name is { } name ? certificate.SubjectDN.Equivalent(name)
        : id.GetKeyHash() is { } hash && DigestUtilities.CalculateDigest("SHA-1", certificate.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetOctets()).AsSpan().SequenceEqual(hash);

    private static bool IsOcspSigner(X509Certificate certificate) =>
        certificate.GetExtendedKeyUsage()?.Any(p => p.Equals(KeyPurposeID.id_kp_OCSPSigning)) == true;

    private static bool Matches(CertificateID id, X509Certificate issuer)
    {
        try
        {
            return id.MatchesIssuer(issuer);
        }
        catch (OcspException)
        {
            // A hash algorithm Bouncy Castle does not have: it names no issuer of ours.
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
