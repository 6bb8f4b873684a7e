using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Platform.Certificates;

namespace Signatures.Tests.Cades;

/// <summary>
/// The CA's side for the builder's tests: the root's CRL, an OCSP response signed by the root for any
/// certificate it issued, and the current certificates (the TSA's) with their chain.
/// </summary>
internal sealed class TestEvidence(TestPki pki, TestTimeStampAuthority tsa) : IRevocationEvidence, IPlatformCertificateIssuer
{
    private readonly byte[] crl = pki.Crl().GetEncoded();

    public byte[] RootCertificate => pki.Root.GetEncoded();

    public Task<byte[]?> CrlAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default) =>
        Task.FromResult<byte[]?>(crl);

    public Task<byte[]?> OcspResponseAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default)
    {
        var parsed = new X509CertificateParser().ReadCertificate(certificate.ToArray());
        var generator = new BasicOcspRespGenerator(new RespID(pki.Root.SubjectDN));
        generator.AddResponse(new CertificateID(CertificateID.DigestSha1, pki.Root, parsed.SerialNumber), CertificateStatus.Good);
        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", pki.RootKey.Private), [pki.Root], DateTime.UtcNow);
        return Task.FromResult<byte[]?>(new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded());
    }

    public Task<PlatformCertificate?> FindCurrentAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(serialNumber == tsa.Certificate.SerialNumber.ToString(16)
            ? new PlatformCertificate(serialNumber, tsa.Certificate.GetEncoded(), [pki.Root.GetEncoded()])
            : null);

    public Task<PlatformCertificate> IssueAsync(string profile, string subject, ReadOnlyMemory<byte> subjectPublicKeyInfo, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The builder's tests certify their signers themselves.");

}
