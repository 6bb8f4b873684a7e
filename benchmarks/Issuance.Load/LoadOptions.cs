using System.Globalization;

namespace Issuance.Load;

/// <summary>
/// What one run does. Every knob has a bound: the run ends after the warm-up plus the duration,
/// or after <see cref="MaxRequests"/> measured requests, whichever comes first.
/// </summary>
internal sealed record LoadOptions
{
    public Uri? Url { get; init; }

    public string? DataDirectory { get; init; }

    public string? ServerPath { get; init; }

    public int Connections { get; init; } = 16;

    public bool Http2 { get; init; }

    /// <summary>Concurrent requests per HTTP/2 connection; HTTP/1.1 always carries one.</summary>
    public int Streams { get; init; } = 8;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxRequests { get; init; } = 500_000;

    public int CsrCount { get; init; } = 2_000;

    public string Profile { get; init; } = "tls-server";

    /// <summary>Runs the server with audit events (Information) written to its log.</summary>
    public bool AuditLog { get; init; }

    public TimeSpan ReferenceDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the <c>POST /pki/certificates</c> phase, the same load as EST <c>simpleenroll</c>
    /// (RFC 7030, HTTP Basic with one-time enrollment secrets made before the clock starts) on the same server.
    /// </summary>
    public bool Est { get; init; }

    /// <summary>How many times the loads run, alternating (direct, then EST, per round).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>One-time enrollment secrets made for each EST phase: one is spent per request, warm-up included.</summary>
    public int Secrets { get; init; } = 8_000;

    /// <summary>
    /// Sends authenticated GETs of this path instead of issuing: the cost of the host itself
    /// (TLS, Kestrel, authentication, metrics) per request, to subtract from an issuance.
    /// </summary>
    public string? GetPath { get; init; }

    public const string Usage = """
        Issuance.Load: issues certificates over HTTPS with keep-alive connections and compares the
        rate with the raw ECDSA P-256 sign+verify rate measured in the same run.

          --url https://host:port     use a running server (needs --data-dir for admin.pem/admin.key)
          --data-dir DIR              data directory of that server (default: a fresh temporary one)
          --server PATH               Server.dll to start (default: Server/bin/Release/net10.0/Server.dll)
          --connections N             keep-alive connections (default 16)
          --http2                     HTTP/2 instead of HTTP/1.1
          --streams N                 concurrent requests per HTTP/2 connection (default 8)
          --warmup SECONDS            unmeasured warm-up (default 5)
          --duration SECONDS          measured time (default 20)
          --max-requests N            measured request cap (default 500000)
          --csrs N                    pre-generated CSRs with distinct subjects (default 2000)
          --profile NAME              certificate profile (default tls-server)
          --audit-log                 log audit events (Information) instead of Warning-only logging
          --get PATH                  send GET PATH (expects 200) instead of issuing: the host's own floor
          --reference SECONDS         sign+verify reference time, before and after the load (default 5)
          --est                       then the same load as EST simpleenroll with one-time secrets; reports EST/direct
          --secrets N                 one-time enrollment secrets made for each EST phase (default 8000)
          --rounds N                  run the loads N times, alternating direct and EST (default 1)
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture));
            options = args[i] switch
            {
                "--url" => options with { Url = new Uri(Next()) },
                "--data-dir" => options with { DataDirectory = Next() },
                "--server" => options with { ServerPath = Next() },
                "--connections" => options with { Connections = Int() },
                "--http2" => options with { Http2 = true },
                "--streams" => options with { Streams = Int() },
                "--warmup" => options with { Warmup = Seconds() },
                "--duration" => options with { Duration = Seconds() },
                "--max-requests" => options with { MaxRequests = Int() },
                "--csrs" => options with { CsrCount = Int() },
                "--profile" => options with { Profile = Next() },
                "--audit-log" => options with { AuditLog = true },
                "--reference" => options with { ReferenceDuration = Seconds() },
                "--get" => options with { GetPath = Next() },
                "--est" => options with { Est = true },
                "--secrets" => options with { Secrets = Int() },
                "--rounds" => options with { Rounds = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.GetPath is { } path && !path.StartsWith('/'))
        {
            throw new ArgumentException("--get takes an absolute path such as /pki/profiles.");
        }

        if (options.Est && options.GetPath is not null)
        {
            throw new ArgumentException("--est compares issuances; it does not go with --get.");
        }

        if (options.Url is not null && options.DataDirectory is null)
        {
            throw new ArgumentException("--url needs --data-dir, where the server wrote admin.pem and admin.key.");
        }

        if (options.Url is not null && !options.Url.IsLoopback)
        {
            throw new ArgumentException("This load generator only talks to loopback addresses.");
        }

        if (options.Connections is < 1 or > 512 || options.Streams is < 1 or > 100 || options.CsrCount < 1
            || options.MaxRequests < 1 || options.Secrets < 1 || options.Rounds is < 1 or > 10 || options.Duration > TimeSpan.FromMinutes(10) || options.Warmup > TimeSpan.FromMinutes(2)
            || options.ReferenceDuration > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("An option is out of range (connections 1-512, streams 1-100, duration at most 10 minutes).");
        }

        return options;
    }
}
