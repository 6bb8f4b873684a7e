namespace Gateway.Remote;

/// <summary>
/// A decision point the gateway asks over HTTP (<c>POST /authz/is-authorized</c> of a platform
/// elsewhere), in section <c>Gateway:DecisionPoint</c>; unset, the gateway asks the one in its process.
/// </summary>
public sealed class RemoteDecisionPointOptions
{
    /// <summary>The section.</summary>
    public const string Section = "Gateway:DecisionPoint";

    /// <summary>The platform's HTTPS base address, e.g. <c>https://authz.city.example/</c>; null: in process.</summary>
    public Uri? Url { get; set; }

    /// <summary>The gateway's client certificate for that platform (PEM), issued by its CA.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The certificate's private key (PEM).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>That platform's CA certificates (PEM), when the machine does not trust its root.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>How long one question may take, in seconds (default 5); past it the request is refused 503.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>The entity type of a certificate holder there (default <c>Certificate</c>).</summary>
    public string CertificateEntityType { get; set; } = "Certificate";
}
