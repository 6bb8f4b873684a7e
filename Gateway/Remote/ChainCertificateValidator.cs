using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Platform.Certificates;
using Platform.Security;

namespace Gateway.Remote;

/// <summary>
/// Judges client certificates for a gateway without the CA in process: issued by one of the
/// platform's CAs (<see cref="PlatformConnectionOptions.TrustedCaFile"/>, each CA up to the root
/// checked by signature and validity), current, for client authentication, and good in the
/// platform's OCSP answer (<see cref="OcspCertificateStatus"/>). Roles come from the platform-roles
/// extension, which only the platform's CA writes.
/// </summary>
internal sealed class ChainCertificateValidator(PlatformConnection platform, OcspCertificateStatus statuses, TimeProvider time) : IClientCertificateValidator
{
    private const int MaxDepth = 8;
    private readonly X509Certificate[] authorities = [.. platform.CaCertificates.Select(c => new X509Certificate(c.RawData))];

    public async Task<ClientCertificateResult> ValidateAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default)
    {
        if (ClientCertificateChecks.Parse(certificate) is not { } parsed)
        {
            return ClientCertificateResult.Refused(ClientCertificateChecks.Unparsable);
        }

        var subject = parsed.SubjectDN.ToString();
        var serial = parsed.SerialNumber.ToString(16);
        var now = time.GetUtcNow().UtcDateTime;
        var issuer = IssuerOf(parsed);
        if (issuer is null || !ChainsToRoot(issuer, now))
        {
            return ClientCertificateResult.Refused("The client certificate was not issued by the platform's CA.", subject, serial);
        }

        if (ClientCertificateChecks.Unusable(parsed, now) is { } unusable)
        {
            return ClientCertificateResult.Refused(unusable, subject, serial);
        }

        return await statuses.TrackAsync(parsed, issuer, cancellationToken) switch
        {
            CertificateHolderStatus.Good => new ClientCertificateResult(true, subject, serial,
                PlatformRolesAttribute.Decode(parsed.GetExtensionValue(X509Extensions.SubjectDirectoryAttributes)), null),
            CertificateHolderStatus.Revoked => ClientCertificateResult.Refused("The client certificate has been revoked.", subject, serial),
            CertificateHolderStatus.OnHold => ClientCertificateResult.Refused("The client certificate is on hold.", subject, serial),
            _ => ClientCertificateResult.Refused("The client certificate's revocation state is not known: the platform's OCSP responder did not answer for it.", subject, serial),
        };
    }

    /// <summary>The platform CA that signed <paramref name="certificate"/>, by name and signature; null when none did.</summary>
    private X509Certificate? IssuerOf(X509Certificate certificate) =>
        authorities.FirstOrDefault(ca => ca.SubjectDN.Equivalent(certificate.IssuerDN) && SignatureVerifier.SignedCertificate(ca.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), certificate));

    private bool ChainsToRoot(X509Certificate ca, DateTime now)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (!ca.IsValid(now) || ca.GetBasicConstraints() < 0)
            {
                return false;
            }

            if (ca.SubjectDN.Equivalent(ca.IssuerDN) && SignatureVerifier.SignedCertificate(ca.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), ca))
            {
                return true;
            }

            if (IssuerOf(ca) is not { } above)
            {
                return false;
            }

            ca = above;
        }

        return false;
    }
}
