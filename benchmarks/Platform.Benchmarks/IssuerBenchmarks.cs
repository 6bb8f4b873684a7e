using BenchmarkDotNet.Attributes;
using Pki.Ca.Issuance;
using Platform.Auditing;
using System.Security.Cryptography;

namespace Platform.Benchmarks;

/// <summary>
/// The whole issuance without HTTP: parse and verify the CSR, check the profile, build and sign,
/// format the audit event, insert through the group committer and wait for the durable commit.
/// 64 concurrent issuances per operation on the thread pool, against 64 raw sign+verify pairs
/// spread over the same cores; the ratio is what the pipeline costs beyond its cryptography.
/// </summary>
public class IssuerBenchmarks
{
    private const int Concurrent = 64;
    private static readonly AuditActor Admin = new("CN=admin", "01");
    private readonly byte[] message = RandomNumberGenerator.GetBytes(450);
    private CaFixture fixture = null!;
    private CertificateIssuer issuer = null!;
    private string[] csrs = [];
    private ECDsa signer = null!;
    private ECDsa verifier = null!;
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        fixture = CaFixture.Start();
        issuer = fixture.Issuer;
        csrs = TestCsrs.Create(256);
        signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(signer.ExportSubjectPublicKeyInfo(), out _);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        verifier.Dispose();
        fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Concurrent, Description = "raw P-256 sign+verify, 64 over all cores")]
    public void RawSignAndVerify() => Parallel.For(0, Concurrent, _ =>
    {
        var signature = signer.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (!verifier.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new InvalidOperationException("A fresh signature did not verify.");
        }
    });

    [Benchmark(OperationsPerInvoke = Concurrent, Description = "CertificateIssuer.IssueAsync, 64 concurrent")]
    public async Task IssueConcurrently()
    {
        var issuances = new Task<IssuanceResult>[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            var pem = csrs[(uint)Interlocked.Increment(ref next) % csrs.Length];
            issuances[i] = Task.Run(() => issuer.IssueAsync(new IssuanceRequest(pem, "tls-server", Admin, "127.0.0.1", "bench")));
        }

        foreach (var result in await Task.WhenAll(issuances))
        {
            if (result.Error is { } error)
            {
                throw new InvalidOperationException($"Issuance refused: {error.Code} {error.Message}");
            }
        }
    }
}
