using Audit.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.TimeStamping;
using System.Security.Cryptography;
using System.Text;

namespace Audit.TimeStamps;

/// <summary>
/// Obtains the platform TSA's token over each published checkpoint: SHA-256 of exactly the signed
/// note's bytes as <c>GET /audit/checkpoint</c> serves them. A refusal never fails publication; the
/// latest checkpoint's missing token is asked for again at the next publication attempt. The TSA
/// is asked only once the host has started, after every module's start-up (the TSA's key and clock
/// among them) has run. In-process tokens are not audit events, so stamping never grows the log.
/// </summary>
internal sealed partial class CheckpointTimeStamper
{
    private readonly ITimeStampAuthority? authority;
    private readonly IAuditStore store;
    private readonly IHostApplicationLifetime? lifetime;
    private readonly ILogger<CheckpointTimeStamper> logger;
    private volatile TimeStampStatus status;
    private bool failing;

    public CheckpointTimeStamper(ITimeStampAuthority? authority, IAuditStore store, IHostApplicationLifetime? lifetime, ILogger<CheckpointTimeStamper> logger)
    {
        this.authority = authority;
        this.store = store;
        this.lifetime = lifetime;
        this.logger = logger;
        status = new TimeStampStatus(authority is not null, null, false, null);
    }

    /// <summary>Whether the latest checkpoint carries a token, and why not.</summary>
    public TimeStampStatus Status => status;

    /// <summary>True when a TSA is hosted and the checkpoint of <paramref name="size"/> is not known to carry a token.</summary>
    public bool WantsToken(long size) => authority is not null && !(status.LatestStamped && status.LatestSize == size);

    /// <summary>Says once, at start, that this process publishes checkpoints without tokens when it hosts no TSA.</summary>
    public void AnnounceAtStart()
    {
        if (authority is null)
        {
            LogNoAuthority(logger);
        }
    }

    /// <summary>
    /// Makes sure the latest checkpoint, <paramref name="checkpoint"/>, has a token: stamps it if it
    /// has none. Never throws for a refusal; the caller's publication stands either way.
    /// </summary>
    public async Task EnsureAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint.TimeStampToken is not null)
        {
            status = status with { LatestSize = checkpoint.TreeSize, LatestStamped = true, Reason = null };
            return;
        }

        status = status with { LatestSize = checkpoint.TreeSize, LatestStamped = false };
        if (authority is null)
        {
            status = status with { Reason = "this process hosts no time-stamp authority" };
            return;
        }

        // Before the host has started, the TSA may not have its key or clock yet: asking it then
        // could only fail, so the first attempt waits until the host has started (CheckpointTimer).
        if (lifetime is not null && !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            status = status with { Reason = "the platform is starting" };
            return;
        }

        TimeStampGrant grant;
        try
        {
            grant = await authority.StampAsync(SHA256.HashData(Encoding.UTF8.GetBytes(checkpoint.Note)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any failure of the TSA (refused, key unavailable, not ready) leaves the checkpoint
            // published without a token; it is logged once until a token is obtained again.
            status = status with { Reason = e.Message };
            if (!failing)
            {
                failing = true;
                LogRefused(logger, checkpoint.TreeSize, e.Message);
            }

            return;
        }

        var stored = await store.TrySetTimeStampTokenAsync(checkpoint.TreeSize, grant.Token, cancellationToken);
        if (!stored)
        {
            // Another node stamped this checkpoint first (its token stands), or a larger one already has a token.
            var current = await store.GetCheckpointAsync(checkpoint.TreeSize, cancellationToken);
            status = current?.TimeStampToken is not null
                ? status with { LatestStamped = true, Reason = null }
                : status with { Reason = "a larger checkpoint was time-stamped first" };
            return;
        }

        status = status with { LatestStamped = true, Reason = null };
        LogStamped(logger, checkpoint.TreeSize, grant.SerialNumber, grant.GenTime);
        if (failing)
        {
            failing = false;
            LogRecovered(logger, checkpoint.TreeSize);
        }
    }

    [LoggerMessage(EventId = 3024, Level = LogLevel.Warning,
        Message = "This process hosts no time-stamp authority: audit checkpoints are published without time-stamp tokens")]
    private static partial void LogNoAuthority(ILogger logger);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Warning,
        Message = "Audit checkpoint of size {Size} published without a time-stamp token: {Reason}; the token is asked for again at the next publication")]
    private static partial void LogRefused(ILogger logger, long size, string reason);

    [LoggerMessage(EventId = 3026, Level = LogLevel.Information, Message = "Audit checkpoint of size {Size} time-stamped: token {Serial}, genTime {GenTime:O}")]
    private static partial void LogStamped(ILogger logger, long size, string serial, DateTimeOffset genTime);

    [LoggerMessage(EventId = 3027, Level = LogLevel.Information, Message = "Audit checkpoints are time-stamped again, from size {Size}")]
    private static partial void LogRecovered(ILogger logger, long size);
}
