namespace Audit.Export;

/// <summary>What the body of each exported syslog message is (<c>Audit:Syslog:Format</c>).</summary>
public enum SyslogFormat
{
    /// <summary>An Elastic Common Schema document that also carries the canonical entry and its leaf hash (the default).</summary>
    Ecs,

    /// <summary>The canonical entry itself, byte for byte as the Merkle tree hashed it.</summary>
    Canonical,
}
