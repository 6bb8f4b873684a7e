using System.Globalization;

namespace Identity.Load;

/// <summary>What one run does; every phase is bounded by its warm-up plus its measured time.</summary>
internal sealed record BenchOptions
{
    public string? ServerPath { get; init; }

    /// <summary>A tiny run for CI: a reference that cannot run (node, openssl, argon2 missing) fails it instead of being skipped.</summary>
    public bool IsSmoke { get; init; }

    public int Connections { get; init; } = 8;

    /// <summary>
    /// Diagnosis only: the platform logs Warning and above instead of its default Information, to
    /// show what the request log costs. Not the defaults a user runs, so not a result.
    /// </summary>
    public bool QuietLog { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Unmeasured load on each endpoint of each provider before the first round: .NET compiles hot
    /// methods again with profile data after some seconds (tiered compilation), which a
    /// per-phase warm-up of seconds does not cover; the first round would measure the JIT.
    /// </summary>
    public TimeSpan ServerWarmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Measured time of each phase (one endpoint against one provider in one round).</summary>
    public TimeSpan PhaseDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Rounds of the platform and oidc-provider taking turns, so drift on the shared machine hits both.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>node cluster workers of oidc-provider (it runs JavaScript on one thread per process).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Seconds of <c>openssl speed</c>, before and after the load.</summary>
    public int ReferenceSeconds { get; init; } = 10;

    public TimeSpan Argon2Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Times the <c>argon2</c> command line hashes, for the median of its own timing.</summary>
    public int Argon2CliRuns { get; init; } = 9;

    public const string Usage = """
        Identity.Load: client-credentials tokens/s and introspections/s over HTTPS keep-alive with
        tls_client_auth, against the platform and npm oidc-provider in the same run, with
        `openssl speed ecdsap256` as the physical limit and the cost of one Argon2id password check.

          --server PATH               Server.dll to start (default: Server/bin/Release/net10.0/Server.dll)
          --connections N             keep-alive connections per phase (default 8)
          --quiet-log                 diagnosis: the platform logs Warning only (not its default)
          --warmup SECONDS            unmeasured warm-up of each phase (default 3)
          --server-warmup SECONDS     unmeasured load on each endpoint of each provider before the
                                      first round, for the JIT (default 10)
          --seconds SECONDS           measured time of each phase (default 20)
          --rounds N                  rounds of the two providers taking turns (default 2)
          --workers N                 oidc-provider cluster workers (default: the number of CPUs)
          --reference SECONDS         openssl speed time, before and after the load (default 10)
          --argon2 SECONDS            in-process Argon2id time, one thread and all threads (default 5)
          --argon2-cli-runs N         runs of the argon2 command line (default 9)
          --smoke                     a tiny run that only shows every path works (CI); a missing
                                      reference tool fails it
        """;

    public static BenchOptions Smoke { get; } = new()
    {
        IsSmoke = true,
        Connections = 2,
        Warmup = TimeSpan.FromSeconds(0.5),
        ServerWarmup = TimeSpan.FromSeconds(0.5),
        PhaseDuration = TimeSpan.FromSeconds(1),
        Rounds = 1,
        ReferenceSeconds = 1,
        Argon2Duration = TimeSpan.FromSeconds(0.3),
        Argon2CliRuns = 1,
    };

    public static BenchOptions Parse(string[] args)
    {
        var options = args.Contains("--smoke") ? Smoke : new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive()
            {
                var name = args[i];
                return int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : throw new ArgumentException($"{name} needs a whole number of at least 1.");
            }

            TimeSpan Seconds(double least)
            {
                var name = args[i];
                return double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= least && value <= 3600
                    ? TimeSpan.FromSeconds(value)
                    : throw new ArgumentException($"{name} needs a number of seconds from {least} to 3600.");
            }

            options = args[i] switch
            {
                "--smoke" => options,
                "--server" => options with { ServerPath = Next() },
                "--connections" => options with { Connections = Positive() },
                "--quiet-log" => options with { QuietLog = true },
                "--warmup" => options with { Warmup = Seconds(0) },
                "--server-warmup" => options with { ServerWarmup = Seconds(0) },
                "--seconds" => options with { PhaseDuration = Seconds(0.1) },
                "--rounds" => options with { Rounds = Positive() },
                "--workers" => options with { Workers = Positive() },
                "--reference" => options with { ReferenceSeconds = Positive() },
                "--argon2" => options with { Argon2Duration = Seconds(0.1) },
                "--argon2-cli-runs" => options with { Argon2CliRuns = Positive() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
