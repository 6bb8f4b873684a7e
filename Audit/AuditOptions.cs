namespace Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Audit";

    /// <summary>
    /// How often, in seconds, a new checkpoint is signed when the log grew (default 10, 1 to
    /// 86,400). Checkpoints change on this schedule, not on every append, so witnesses can follow.
    /// </summary>
    public int CheckpointIntervalSeconds { get; set; } = 10;

    /// <summary>
    /// The log's origin line, used on first start only and then kept in the audit database.
    /// Default: the host (and port) of <c>Platform:PublicBaseUrl</c> followed by <c>/audit</c>.
    /// </summary>
    public string? Origin { get; set; }

    /// <summary>Copying entries to a syslog collector (RFC 5424 over TCP or TLS); off unless a host is set.</summary>
    public Export.SyslogOptions Syslog { get; set; } = new();

    /// <summary>Throws with a clear message when a value is out of range, so a bad configuration refuses to start.</summary>
    public void Validate()
    {
        if (CheckpointIntervalSeconds is < 1 or > 86_400)
        {
            throw new InvalidOperationException("Audit:CheckpointIntervalSeconds must be between 1 and 86400.");
        }

        if (Origin is not null && (Origin.Length == 0 || Origin.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '+')))
        {
            throw new InvalidOperationException("Audit:Origin must be one word without spaces or '+', such as audit.example.gov/log.");
        }

        if (!string.IsNullOrWhiteSpace(Syslog.Host))
        {
            Syslog.Validate();
        }
    }
}
