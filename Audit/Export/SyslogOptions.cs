namespace Audit.Export;

/// <summary>
/// The <c>Audit:Syslog</c> section: where committed entries are copied as RFC 5424 messages.
/// Export is off unless <see cref="Host"/> is set.
/// </summary>
public sealed class SyslogOptions
{
    /// <summary>The collector's host name or address; empty turns export off. With TLS, the collector's certificate must name it.</summary>
    public string? Host { get; set; }

    /// <summary>The collector's TCP port; default 6514 with TLS (RFC 5425), 514 without.</summary>
    public int? Port { get; set; }

    /// <summary>Wraps the connection in TLS (RFC 5425).</summary>
    public bool Tls { get; set; }

    /// <summary>A PEM file of the CA (or CAs) that issued the collector's certificate; default: the system's trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// For mutual TLS: a PEM file with the certificate the exporter presents (then any
    /// intermediate CA certificates), with <see cref="ClientKeyFile"/>.
    /// </summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key (PKCS#8 or traditional, unencrypted) of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// For mutual TLS without files: the platform's own CA issues the exporter a <c>tls-client</c>
    /// certificate (kept in the key store, renewed when it is no longer current). Needs the CA in
    /// the same process; excludes <see cref="ClientCertificateFile"/>.
    /// </summary>
    public bool PlatformClientCertificate { get; set; }

    /// <summary>The message body: <c>ecs</c> (default) or <c>canonical</c>.</summary>
    public SyslogFormat Format { get; set; } = SyslogFormat.Ecs;

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

        if (!Enum.IsDefined(Format))
        {
            throw new InvalidOperationException("Audit:Syslog:Format is ecs or canonical.");
        }

        RequireFile(CaFile, "CaFile");
        RequireFile(ClientCertificateFile, "ClientCertificateFile");
        RequireFile(ClientKeyFile, "ClientKeyFile");
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            throw new InvalidOperationException("Audit:Syslog:ClientCertificateFile and Audit:Syslog:ClientKeyFile go together.");
        }

        if (PlatformClientCertificate && ClientCertificateFile is not null)
        {
            throw new InvalidOperationException("Audit:Syslog:PlatformClientCertificate and Audit:Syslog:ClientCertificateFile exclude each other.");
        }

        if (!Tls && (CaFile is not null || ClientCertificateFile is not null || PlatformClientCertificate))
        {
            throw new InvalidOperationException("Audit:Syslog:CaFile and the client certificate settings need Audit:Syslog:Tls=true.");
        }
    }

    private static void RequireFile(string? path, string name)
    {
        if (path is not null && !File.Exists(path))
        {
            throw new InvalidOperationException($"Audit:Syslog:{name} {path} does not exist.");
        }
    }
}
