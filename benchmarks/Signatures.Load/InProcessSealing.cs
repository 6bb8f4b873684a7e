using Platform.Cryptography;
using Platform.Cryptography.Software;
using Signatures.Cades;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Signatures.Load;

/// <summary>
/// The CAdES B-B builder alone, in this process, on every core: what a seal costs beyond the one
/// P-256 signature before HTTP, authorization and the durable audit event are added.
/// </summary>
internal static class InProcessSealing
{
    public static double Measure(IReadOnlyList<byte[]> documents, TimeSpan duration)
    {
        using var key = SoftwareKeys.Create(KeyAlgorithm.EcdsaP256);
        var credential = SignerCredential.Create(Certified(key), [], key.Scheme);
        var signer = new CadesSigner(TimeProvider.System);
        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            long done = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var document = documents[(int)(done % documents.Count)];
                var digest = credential.Digest(document);
                // B-B completes without waiting for anything: the task is already done.
                var outcome = signer.SignAsync(credential, key, document, digest, digest, false, CadesLevel.BaselineB, CancellationToken.None).GetAwaiter().GetResult();
                if (outcome.Signature is null)
                {
                    throw new InvalidOperationException("In-process B-B signing failed: " + outcome.Detail);
                }

                done++;
            }

            counts[thread] = done;
        });
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>A document-signing certificate for the key (from a throwaway issuer), as the builder needs one to name its signer.</summary>
    private static byte[] Certified(ISigningKey key)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.SubjectPublicKeyInfo.Span, out _);
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=in-process seal", ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var certificate = request.Create(new X500DistinguishedName("CN=in-process issuer"), X509SignatureGenerator.CreateForECDsa(signing),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4, 5, 6, 7, 8]);
        return certificate.RawData;
    }
}
