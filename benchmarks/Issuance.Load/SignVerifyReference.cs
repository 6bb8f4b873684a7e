using System.Diagnostics;
using System.Security.Cryptography;

namespace Issuance.Load;

/// <summary>
/// The yardstick: raw ECDSA P-256 sign-then-verify operations per second through the same
/// OpenSSL the server uses, on every core, with nothing else of ours running. One issuance does
/// at least this much public-key work (verify the CSR, sign the certificate), so the ratio
/// issuances/reference says how close to the cryptographic ceiling the whole pipeline gets.
/// </summary>
internal static class SignVerifyReference
{
    /// <summary>About the size of a leaf TBSCertificate, so hashing costs what it costs in issuance.</summary>
    private const int MessageBytes = 450;

    /// <summary>Operations per second, and the CPU one operation took (robust to neighbours taking cores away).</summary>
    public static (double OperationsPerSecond, TimeSpan CpuPerOperation) Measure(TimeSpan duration)
    {
        var cpuBefore = ProcessCpu.Of(Environment.ProcessId);
        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(signer.ExportSubjectPublicKeyInfo(), out _);
            var message = RandomNumberGenerator.GetBytes(MessageBytes);
            long done = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                message[0] = (byte)done;
                var signature = signer.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                if (!verifier.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                {
                    throw new InvalidOperationException("A fresh P-256 signature did not verify.");
                }

                done++;
            }

            counts[thread] = done;
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu.Of(Environment.ProcessId) - cpuBefore;
        var operations = Math.Max(1, counts.Sum());
        return (operations / elapsed.TotalSeconds, cpu / operations);
    }
}
