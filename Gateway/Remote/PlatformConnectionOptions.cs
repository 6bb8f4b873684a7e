namespace Gateway.Remote;

/// <summary>
/// The platform a gateway fronts when it is not in the same process (section <c>Gateway:Platform</c>).
/// Set, the gateway asks that platform's decision point over HTTP; and on a process without the
/// CA and identity provider (<c>Modules=gateway</c>) it also validates that platform's tokens
/// against its published keys and its certificates against its CAs and OCSP responder.
/// </summary>
public sealed class PlatformConnectionOptions
{
    /// <summary>The section.</summary>
    public const string Section = "Gateway:Platform";

    /// <summary>The platform's HTTPS base address, e.g. <c>https://platform.city.example/</c>; null: the modules in process.</summary>
    public Uri? Url { get; set; }

    /// <summary>The gateway's client certificate for that platform (PEM), issued by its CA.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The certificate's private key (PEM).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// That platform's CA certificates (PEM: the root and the CAs under it). Its HTTPS listener is
    /// trusted by them when the machine does not trust its root; a gateway without the CA in process
    /// accepts client certificates that chain to them, and needs this file.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>How long one question may take, in seconds (default 5); past it the request is refused 503.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>The entity type of a certificate holder there (default <c>Certificate</c>).</summary>
    public string CertificateEntityType { get; set; } = "Certificate";

    /// <summary>
    /// How often, in seconds (default 10), a gateway without the CA in process asks the OCSP responder
    /// again about every certificate it relies on: the longest a revocation there takes to count here.
    /// </summary>
    public int StatusRefreshSeconds { get; set; } = 10;
}
