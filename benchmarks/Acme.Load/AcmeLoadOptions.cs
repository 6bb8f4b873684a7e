using System.Globalization;

namespace Acme.Load;

/// <summary>
/// What one run does. It ends after the warm-up plus the duration, or once <see cref="Count"/>
/// measured orders have started, whichever comes first.
/// </summary>
internal sealed record AcmeLoadOptions
{
    public Uri Directory { get; init; } = null!;

    public string? CaBundle { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Count { get; init; } = int.MaxValue;

    public int Concurrency { get; init; } = 8;

    public int Accounts { get; init; } = 8;

    public int ValidationPort { get; init; } = 5002;

    public string Suffix { get; init; } = "acme-load.example.test";

    public int CsrCount { get; init; } = 2_000;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? EabKeyId { get; init; }

    public string? EabHmacKey { get; init; }

    public string? JsonFile { get; init; }

    public const string Usage = """
        Acme.Load: complete ACME orders (RFC 8555) against a server, as many at once as asked:
        newOrder for one random name, http-01 answered by this program, finalize, certificate.

          --directory URL             the server's ACME directory (required)
          --ca-bundle FILE            PEM roots trusted for the server's HTTPS (default: the system's)
          --duration SECONDS          measured time (default 20)
          --count N                   stop after N measured orders (default: no cap)
          --warmup SECONDS            unmeasured orders first (default 2)
          --concurrency N             workers, each completing one order after another (default 8)
          --accounts N                accounts created before the clock starts, shared round-robin (default 8)
          --validation-port P         port on 127.0.0.1 the server's validator fetches http-01 from (default 5002)
          --suffix DOMAIN             names are <random>.DOMAIN; the server's resolver must answer them with 127.0.0.1
                                      (default acme-load.example.test)
          --csrs N                    pre-generated P-256 CSRs (default 2000)
          --poll-ms N                 poll interval when the server sends no Retry-After (default 50)
          --eab-kid ID --eab-hmac KEY external account binding (HMAC key base64url)
          --json FILE                 also write the result as JSON
        """;

    public static AcmeLoadOptions Parse(string[] args)
    {
        var options = new AcmeLoadOptions();
        Uri? directory = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            TimeSpan Seconds() => TimeSpan.FromSeconds(double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture));
            switch (args[i])
            {
                case "--directory": directory = new Uri(Next()); break;
                case "--ca-bundle": options = options with { CaBundle = Next() }; break;
                case "--duration": options = options with { Duration = Seconds() }; break;
                case "--count": options = options with { Count = Int() }; break;
                case "--warmup": options = options with { Warmup = Seconds() }; break;
                case "--concurrency": options = options with { Concurrency = Int() }; break;
                case "--accounts": options = options with { Accounts = Int() }; break;
                case "--validation-port": options = options with { ValidationPort = Int() }; break;
                case "--suffix": options = options with { Suffix = Next().Trim('.') }; break;
                case "--csrs": options = options with { CsrCount = Int() }; break;
                case "--poll-ms": options = options with { PollInterval = TimeSpan.FromMilliseconds(Int()) }; break;
                case "--eab-kid": options = options with { EabKeyId = Next() }; break;
                case "--eab-hmac": options = options with { EabHmacKey = Next() }; break;
                case "--json": options = options with { JsonFile = Next() }; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        options = options with { Directory = directory ?? throw new ArgumentException("--directory is required.") };
        if (options.Directory.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("ACME directories are HTTPS URLs (RFC 8555 §6.1).");
        }

        if ((options.EabKeyId is null) != (options.EabHmacKey is null))
        {
            throw new ArgumentException("--eab-kid and --eab-hmac go together.");
        }

        if (options.Concurrency is < 1 or > 1024 || options.Accounts < 1 || options.CsrCount < 1 || options.Count < 1
            || options.ValidationPort is < 1 or > 65535 || options.Duration > TimeSpan.FromMinutes(10) || options.Warmup > TimeSpan.FromMinutes(2)
            || options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("An option is out of range (concurrency 1-1024, duration at most 10 minutes, poll interval above 0).");
        }

        return options;
    }
}
