using System.Globalization;

namespace Signatures.Load;

/// <summary>The command line of the seal load program.</summary>
internal sealed record SealLoadOptions(
    TimeSpan Warmup, TimeSpan Duration, int Connections, int Documents, int DocumentBytes, int ReferenceSeconds, int OpenSslDocuments, int Rounds, string? ServerPath)
{
    public const string Usage = """
        Signatures.Load [--duration 20] [--warmup 5] [--connections 16] [--documents 256] [--bytes 2048]
                        [--reference 5] [--openssl-documents 200] [--rounds 3] [--server PATH/Server.dll]
        Starts the Release server on a fresh data directory, creates a seal and lets the bootstrap
        administrator use it, then per round: openssl speed ecdsap256 (the raw signing rate), the B-B
        builder in process (no HTTP, no audit), seals at
        B-B and B-T, verification reports of B-LT signatures, openssl cms -sign -cades over the same
        documents (one process per document, as scripts do), openssl speed again. Seconds everywhere.
        """;

    public static SealLoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Seconds(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var known = new[] { "duration", "warmup", "connections", "documents", "bytes", "reference", "openssl-documents", "rounds", "server" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}.");
        }

        return new SealLoadOptions(TimeSpan.FromSeconds(Seconds("warmup", 5)), TimeSpan.FromSeconds(Seconds("duration", 20)), Int("connections", 16),
            Int("documents", 256), Int("bytes", 2048), Int("reference", 5), Int("openssl-documents", 200), Int("rounds", 3), values.GetValueOrDefault("server"));
    }
}
