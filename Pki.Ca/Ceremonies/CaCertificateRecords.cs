using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Cryptography;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// Records a certificate a CA signed for another CA (a subordinate, or a link certificate) in
/// the signer's repository, audited as any issuance (or, signed on another machine, as an
/// import), so the signer's CRL and OCSP answer for it.
/// </summary>
internal static class CaCertificateRecords
{
    /// <summary>The profile name of a link certificate between two generations of a root.</summary>
    public const string LinkProfile = "ca-link";

    public static async Task<CertificateRecord> AddAsync(
        ICaStore store, CertificateAuthority signer, X509Certificate certificate, string profile, AuditActor actor, DateTimeOffset issuedAt,
        CancellationToken cancellationToken, string action = IssuanceEvents.Action)
    {
        var record = new CertificateRecord
        {
            SerialNumber = SerialNumbers.ToHex(certificate.SerialNumber),
            CaName = signer.Name,
            Subject = certificate.SubjectDN.ToString(),
            Profile = profile,
            NotBefore = new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero),
            Certificate = certificate.GetEncoded(),
            RequestedBy = actor.User ?? "system",
            IssuedAt = issuedAt,
        };
        var recorded = IssuanceEvents.Issued(record, PublicKeys.Describe(certificate.CertificateStructure.SubjectPublicKeyInfo).Description, actor) with { Action = action };
        await store.AddCertificateAsync(record, recorded, cancellationToken);
        return record;
    }
}
