namespace Audit.Export;

/// <summary>
/// The <c>Audit:Syslog</c> section: where committed entries are copied as RFC 5424 messages.
/// Export is off unless <see cref="Host"/> is set.
/// </summary>
public sealed class SyslogOptions
{
    /// <summary>The collector's host name or address; empty turns export off.</summary>
    public string? Host { get; set; }

    /// <summary>The collector's TCP port; default 6514 with TLS (RFC 5425), 514 without.</summary>
    public int? Port { get; set; }

    /// <summary>Wraps the connection in TLS (RFC 5425).</summary>
    public bool Tls { get; set; }

    /// <summary>A PEM file of the CA that issued the collector's certificate; default: the system's trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>The RFC 5424 APP-NAME.</summary>
    public string AppName { get; set; } = "securityplatform";

    /// <summary>The effective port.</summary>
    public int EffectivePort => Port ?? (Tls ? 6514 : 514);

    /// <summary>Throws with a clear message when a value is out of range.</summary>
    public void Validate()
    {
        if (EffectivePort is < 1 or > 65535)
        {
            throw new InvalidOperationException("Audit:Syslog:Port must be between 1 and 65535.");
        }

        if (AppName.Length is 0 or > 48 || AppName.Any(c => c is < '!' or > '~'))
        {
            throw new InvalidOperationException("Audit:Syslog:AppName is 1 to 48 printable ASCII characters without spaces.");
        }

        if (CaFile is not null && !File.Exists(CaFile))
        {
            throw new InvalidOperationException($"Audit:Syslog:CaFile {CaFile} does not exist.");
        }
    }
}
