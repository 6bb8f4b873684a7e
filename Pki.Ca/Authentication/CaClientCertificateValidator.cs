using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Cryptography;
using Platform.Security;

namespace Pki.Ca.Authentication;

/// <summary>
/// Accepts a client certificate only when one of our CAs signed it, it is current, it allows
/// client authentication, and our repository holds exactly that certificate, not revoked.
/// Roles come from the platform-roles extension, which only this CA writes.
/// </summary>
internal sealed class CaClientCertificateValidator(CaRegistry registry, ICaStore store, TimeProvider time) : IClientCertificateValidator
{
    public async Task<ClientCertificateResult> ValidateAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default)
    {
        if (ClientCertificateChecks.Parse(certificate) is not { } parsed)
        {
            return ClientCertificateResult.Refused(ClientCertificateChecks.Unparsable);
        }

        var subject = parsed.SubjectDN.ToString();
        var serial = SerialNumbers.ToHex(parsed.SerialNumber);
        // Hierarchies may reuse a subject name; the signature tells which CA it was.
        var issuer = registry.All.FirstOrDefault(ca => ca.Certificate.SubjectDN.Equivalent(parsed.IssuerDN) && SignedBy(parsed, ca));
        if (issuer is null)
        {
            return ClientCertificateResult.Refused("The client certificate was not issued by this platform.", subject, serial);
        }

        if (ClientCertificateChecks.Unusable(parsed, time.GetUtcNow().UtcDateTime) is { } unusable)
        {
            return ClientCertificateResult.Refused(unusable, subject, serial);
        }

        var record = await store.GetCertificateAsync(serial, cancellationToken);
        if (record is null || !record.Certificate.AsSpan().SequenceEqual(certificate.Span))
        {
            return ClientCertificateResult.Refused("The client certificate is not in this platform's repository.", subject, serial);
        }

        if (record.RevokedAt is not null)
        {
            return ClientCertificateResult.Refused("The client certificate has been revoked.", subject, serial);
        }

        return new ClientCertificateResult(true, subject, serial, Roles(parsed), null);
    }

    private static bool SignedBy(X509Certificate certificate, CertificateAuthority issuer) =>
        SignatureVerifier.SignedCertificate(issuer.PublicKeyInfo, certificate);

    private static IReadOnlyList<string> Roles(X509Certificate certificate) =>
        PlatformRolesAttribute.Decode(certificate.GetExtensionValue(X509Extensions.SubjectDirectoryAttributes));
}
