using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Signatures.Load;

/// <summary>
/// The two yardsticks, measured by OpenSSL in the same run: its raw ECDSA P-256 signing rate on
/// every core (<c>openssl speed -multi N ecdsap256</c>, the physical limit of one signature per seal)
/// and <c>openssl cms -sign -cades</c> over the same documents, one process per document on every
/// core, as a script signing documents does today.
/// </summary>
internal static partial class OpenSslReferences
{
    /// <summary>P-256 signatures per second, all cores.</summary>
    public static async Task<double> SpeedAsync(int seconds)
    {
        var output = await RunAsync("openssl", ["speed", "-multi", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), "-seconds",
            seconds.ToString(CultureInfo.InvariantCulture), "ecdsap256"]);
        // "256 bits ecdsa (nistp256)   0.0000s   0.0001s  40000.0  15000.0": the first rate is sign/s.
        var match = SpeedLine().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("openssl speed printed no ecdsa (nistp256) line:\n" + output);
    }

    /// <summary>Documents per second of <c>openssl cms -sign -cades</c>, one process each, as many at once as there are cores.</summary>
    public static async Task<double> CmsSignAsync(string directory, IReadOnlyList<byte[]> documents, int count)
    {
        var key = Path.Combine(directory, "reference.key");
        var certificate = Path.Combine(directory, "reference.pem");
        await RunAsync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=openssl reference seal",
            "-days", "30", "-keyout", key, "-out", certificate]);
        var files = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            var path = Path.Combine(directory, $"document-{i}.bin");
            await File.WriteAllBytesAsync(path, documents[i]);
            files.Add(path);
        }

        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var input = files[i % files.Count];
                await RunAsync("openssl", ["cms", "-sign", "-cades", "-binary", "-md", "sha256", "-nodetach", "-outform", "DER",
                    "-signer", certificate, "-inkey", key, "-in", input, "-out", input + ".p7s"]);
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}");
        }

        return await output + await errors;
    }

    [GeneratedRegex(@"ecdsa \(nistp256\)\s+\S+s\s+\S+s\s+([0-9.]+)")]
    private static partial Regex SpeedLine();
}
