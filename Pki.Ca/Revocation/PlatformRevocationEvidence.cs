using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Pki.Ca.Crl;
using Pki.Ca.Hierarchy;
using Pki.Ca.Ocsp;
using Platform.Certificates;

namespace Pki.Ca.Revocation;

/// <summary>
/// The CA's side of <see cref="IRevocationEvidence"/>: the OCSP response a relying party would get
/// for the certificate (SHA-1 CertID, no nonce, so the pre-signed answer from the responder's cache
/// when there is one) and its issuer's current full CRL.
/// </summary>
internal sealed class PlatformRevocationEvidence(CaRegistry registry, OcspResponder responder, OcspResponseCache cache, CrlPublisher crls) : IRevocationEvidence
{
    public async Task<byte[]?> OcspResponseAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default)
    {
        if (IssuerOf(certificate) is not ({ } issuer, { } serial))
        {
            return null;
        }

        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuer.Certificate, serial));
        var request = generator.Generate().GetEncoded();
        if (!cache.TryGet(request, out var answer))
        {
            var generation = cache.Generation;
            answer = await responder.RespondAsync(request, cancellationToken);
            cache.Add(request, answer, generation);
        }

        return new OcspResp(answer.Der).Status == OcspRespStatus.Successful ? answer.Der : null;
    }

    public async Task<byte[]?> CrlAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default) =>
        IssuerOf(certificate) is ({ } issuer, _) ? (await crls.FullAsync(issuer.Name, cancellationToken)).Der : null;

    /// <summary>The platform CA whose key signed <paramref name="certificate"/>, and the certificate's serial number.</summary>
    private (CertificateAuthority? Issuer, BigInteger? Serial) IssuerOf(ReadOnlyMemory<byte> certificate)
    {
        X509Certificate parsed;
        try
        {
            parsed = new X509Certificate(certificate.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or FormatException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return (null, null);
        }

        var issuer = registry.All.FirstOrDefault(ca => ca.Certificate.SubjectDN.Equivalent(parsed.IssuerDN)
            && Platform.Cryptography.SignatureVerifier.SignedCertificate(ca.PublicKeyInfo, parsed));
        return (issuer, parsed.SerialNumber);
    }
}
