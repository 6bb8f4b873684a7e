using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using System.Security.Cryptography;

namespace Platform.Benchmarks;

/// <summary>
/// Building and signing a leaf certificate with the issuing CA's P-256 key, next to the one
/// ECDSA signature it needs. The gap is Bouncy Castle's ASN.1 assembly and DER encoding.
/// </summary>
public class CertificateBenchmarks
{
    private CaFixture fixture = null!;
    private CertificateAuthority issuer = null!;
    private CertificateProfile profile = null!;
    private PkiUrls urls = null!;
    private ParsedCsr csr = null!;
    private byte[] tbsSized = [];
    private ECDsa signer = null!;

    [GlobalSetup]
    public void Setup()
    {
        fixture = CaFixture.Start();
        issuer = fixture.Registry.Issuing;
        urls = fixture.Urls;
        csr = CsrParser.Parse(TestCsrs.Create(1)[0]).Csr!;
        var profiles = new ProfileCatalog(new Pki.Ca.CaOptions());
        if (!profiles.TryGet("tls-server", out profile))
        {
            throw new InvalidOperationException("The tls-server profile is missing.");
        }

        tbsSized = Build().GetTbsCertificate();
        signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw P-256 sign (TBS-sized message)")]
    public byte[] RawSign() => signer.SignData(tbsSized, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark(Description = "extensions + CertificateSigner.Sign + DER")]
    public byte[] BuildAndSign() => Build().GetEncoded();

    private X509Certificate Build()
    {
        var now = DateTimeOffset.UtcNow;
        // The CA's internal steps, reached through InternalsVisibleTo: the same calls as
        // CertificateIssuer makes, without its database write and audit event.
        return CertificateSigner.Sign(issuer.SigningKey, issuer.Certificate.SubjectDN, csr.Subject, SerialNumbers.Next(),
            now, now.AddDays(397), csr.PublicKey, CertificateExtensions.ForLeaf(profile, csr, issuer, urls));
    }
}
