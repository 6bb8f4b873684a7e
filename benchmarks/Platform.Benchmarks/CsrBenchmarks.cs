using BenchmarkDotNet.Attributes;
using Pki.Ca.Issuance;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Platform.Benchmarks;

/// <summary>
/// Proof of possession: what checking a CSR costs next to the one ECDSA verification it needs.
/// The gap between the baseline and <see cref="ParseAndVerify"/> is parsing and key import.
/// </summary>
public class CsrBenchmarks
{
    private string pem = "";
    private byte[] spki = [];
    private byte[] signedBytes = [];
    private byte[] signature = [];
    private ECDsa verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        pem = TestCsrs.Create(1)[0];
        var der = PemDer.Decode(pem);
        var request = Org.BouncyCastle.Asn1.Pkcs.CertificationRequest.GetInstance(der);
        var info = request.GetCertificationRequestInfo();
        spki = info.SubjectPublicKeyInfo.GetDerEncoded();
        signedBytes = info.GetDerEncoded();
        signature = request.Signature.GetOctets();
        verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(spki, out _);
    }

    [GlobalCleanup]
    public void Cleanup() => verifier.Dispose();

    [Benchmark(Baseline = true, Description = "raw P-256 verify (key imported once)")]
    public bool RawVerify() =>
        verifier.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark(Description = "SignatureVerifier.Verify (imports the key)")]
    public bool VerifyWithKeyImport() => SignatureVerifier.Verify(spki, SignatureScheme.EcdsaSha256, signedBytes, signature);

    [Benchmark(Description = "CsrParser.Parse (PEM, DER, verify, SANs)")]
    public ParsedCsr? ParseAndVerify() => CsrParser.Parse(pem).Csr;
}
