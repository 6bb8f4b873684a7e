using AuditRecordDecoder = Audit.Events.AuditRecordDecoder;
using Audit.Storage;
using Platform.Auditing;

namespace Audit.Benchmarks;

/// <summary>
/// A durable log shaped like a city's trail, for the search benchmarks: the gateway's service
/// certificate writes 40% of it (forwarded requests), a thousand officers and clerks the rest
/// across the CA, the identity provider, authorization, the TSA and seals; 3% denied, 5% failed;
/// every event targets its own certificate serial. Kept in the temporary directory by size, so
/// only the first run pays for the million appends.
/// </summary>
internal sealed class SearchLog : IAsyncDisposable
{
    public const string BusyActor = "CN=gateway,O=City";
    private const int Writers = 64;
    private const string CompleteMarker = "complete";

    private static readonly (string Module, string Action)[] Actions =
    [
        ("pki", "pki.certificate.issue"), ("pki", "pki.certificate.revoke"), ("pki", "pki.request.approve"),
        ("identity", "identity.sign-in"), ("identity", "identity.token"), ("authz", "authz.decision"),
        ("tsa", "tsa.timestamp"), ("signatures", "signature.seal"),
    ];

    private readonly AuditLogHost host;

    private SearchLog(AuditLogHost host, long size, DateTimeOffset middleFrom, DateTimeOffset middleTo)
    {
        this.host = host;
        Size = size;
        MiddleFrom = middleFrom;
        MiddleTo = middleTo;
    }

    public IAuditStore Store => host.Store;

    public long Size { get; }

    /// <summary>The time of the entry two fifths into the log.</summary>
    public DateTimeOffset MiddleFrom { get; }

    /// <summary>The time of the entry three fifths into the log.</summary>
    public DateTimeOffset MiddleTo { get; }

    public static string Officer(long n) => $"CN=Officer {n},O=City";

    public static string Target(long i) => $"serial:{i:x8}";

    public static async Task<SearchLog> OpenAsync(int size)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"audit-search-{size}-v1");
        var complete = Path.Combine(directory, CompleteMarker);
        if (!File.Exists(complete) && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true); // an interrupted fill
        }

        var host = await AuditLogHost.OpenAsync(directory);
        if (!File.Exists(complete))
        {
            await FillAsync(host, size);
            await File.WriteAllTextAsync(complete, "");
        }

        var stored = await host.Store.GetSizeAsync();
        return new SearchLog(host, stored, await TimeOfAsync(host, stored * 2 / 5), await TimeOfAsync(host, stored * 3 / 5));
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static async Task FillAsync(AuditLogHost host, int size)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < size)
            {
                await host.Trail.RecordAsync(Event(i));
            }
        })));
    }

    private static AuditEvent Event(int i)
    {
        var busy = i % 5 < 2;
        var (module, action) = busy ? ("gateway", "gateway.forward") : Actions[(i / 5) % Actions.Length];
        return new AuditEvent
        {
            Module = module,
            Action = action,
            Outcome = i % 33 == 0 ? AuditOutcome.Denied : i % 20 == 0 ? AuditOutcome.Failure : AuditOutcome.Success,
            Target = Target(i),
            Actor = new AuditActor(Subject: busy ? BusyActor : Officer((i * 7919L) % 1000), Serial: "0a1b2c3d"),
            SourceAddress = "192.0.2.7",
            Details = new Dictionary<string, string> { ["profile"] = "tls-server" },
        };
    }

    private static async Task<DateTimeOffset> TimeOfAsync(AuditLogHost host, long index) =>
        await host.Store.GetEntryAsync(index) is { } entry && AuditRecordDecoder.TryDecode(entry.Entry) is { } record
            ? record.Time
            : throw new InvalidOperationException($"Entry {index} of the search log is missing.");
}
