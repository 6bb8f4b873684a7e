using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Hosting;
using Platform.Keys;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// <c>signing</c>: ECDSA P-256 signatures per second on many threads, a software key against a
/// key in a SoftHSM2 token (through the platform's PKCS#11 key store and its session pool), in
/// the same run and alternating rounds, so the ratio compares like with like on a busy machine.
/// BenchmarkDotNet measures one thread; this measures what the pool is for: many at once.
/// </summary>
internal static class SigningThroughput
{
    public const string Command = "signing";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 3.0);
        var rounds = (int)Option(args, "--rounds", 3);
        var threadCounts = (Value(args, "--threads") ?? $"1,{Environment.ProcessorCount}")
            .Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).Distinct().ToList();

        using var token = SoftHsmToken.Create();
        using var data = new TemporaryData();
        var settings = new Dictionary<string, string?>
        {
            ["Platform:DataDirectory"] = data.Path,
            ["Platform:KeyStore:Provider"] = "Pkcs11",
            ["Platform:KeyStore:Pkcs11:Library"] = SoftHsmToken.Library,
            ["Platform:KeyStore:Pkcs11:TokenLabel"] = token.Label,
            ["Platform:KeyStore:Pkcs11:Pin"] = SoftHsmToken.Pin,
        };
        if (Value(args, "--sessions") is { } sessions)
        {
            settings["Platform:KeyStore:Pkcs11:MaxSessions"] = sessions;
        }

        await using var services = new ServiceCollection().AddLogging()
            .AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        using var software = SoftwareKeys.Create(KeyAlgorithm.EcdsaP256);
        var hsm = services.GetRequiredService<IKeyStore>().Create(KeyAlgorithm.EcdsaP256, "benchmark");
        foreach (var key in new[] { software, hsm })
        {
            var signature = key.Sign("check"u8);
            if (!SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, "check"u8, signature))
            {
                Console.Error.WriteLine($"signing: the {Name(key, software)} key's signature does not verify");
                return 1;
            }
        }

        Console.WriteLine($"ECDSA P-256 signatures/s, {seconds:0.##} s per round, {rounds} rounds, {Environment.ProcessorCount} logical CPUs");
        foreach (var threads in threadCounts)
        {
            var softwareRates = new List<double>();
            var hsmRates = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternating rounds: a neighbour's load hits both sides alike.
                softwareRates.Add(Measure(software, threads, seconds));
                hsmRates.Add(Measure(hsm, threads, seconds));
            }

            var softwareMedian = Median(softwareRates);
            var hsmMedian = Median(hsmRates);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threads {threads,3}: software {softwareMedian,10:0}/s   softhsm2 {hsmMedian,10:0}/s   ratio {hsmMedian / softwareMedian:0.00}"));
        }

        return 0;
    }

    private static double Measure(ISigningKey key, int threads, double seconds)
    {
        var message = new byte[300];
        long total = 0;
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            long count = 0;
            var own = (byte[])message.Clone();
            while (stop.Elapsed < deadline)
            {
                own[0]++;
                key.Sign(own);
                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return total / stop.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Name(ISigningKey key, ISigningKey software) => ReferenceEquals(key, software) ? "software" : "SoftHSM2";

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static double Option(string[] args, string name, double fallback) =>
        Value(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The platform's data directory for the run; the PKCS#11 store writes nothing there.</summary>
    private sealed class TemporaryData : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("benchmark-signing-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
