using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Certificates;

namespace Pki.Ca.Issuance;

/// <summary>The CA's side of <see cref="IPlatformCertificateIssuer"/>: issuance for the platform's own module keys.</summary>
internal sealed class PlatformCertificateIssuer(CertificateIssuer issuer, CaRegistry registry, ICaStore store, TimeProvider time) : IPlatformCertificateIssuer
{
    public byte[] RootCertificate => registry.Root.Der;

    public async Task<PlatformCertificate> IssueAsync(
        string profile, string subject, ReadOnlyMemory<byte> subjectPublicKeyInfo, CancellationToken cancellationToken = default)
    {
        var issued = await issuer.IssueForKeyAsync(profile, new X509Name(subject),
            SubjectPublicKeyInfo.GetInstance(subjectPublicKeyInfo.ToArray()), [], cancellationToken);
        return new PlatformCertificate(issued.Record.SerialNumber, issued.Record.Certificate, Chain(issued.Record.CaName));
    }

    public async Task<PlatformCertificate?> FindCurrentAsync(string serialNumber, CancellationToken cancellationToken = default)
    {
        var record = await store.GetCertificateAsync(serialNumber, cancellationToken);
        return record is not null && record.StatusAt(time.GetUtcNow()) == CertificateStatus.Valid
            ? new PlatformCertificate(record.SerialNumber, record.Certificate, Chain(record.CaName))
            : null;
    }

    private List<byte[]> Chain(string caName)
    {
        var chain = new List<byte[]>();
        for (var name = caName; name is not null && registry.TryGet(name, out var ca); name = ca.Parent)
        {
            chain.Add(ca.Der);
        }

        return chain;
    }
}
