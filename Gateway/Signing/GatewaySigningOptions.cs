namespace Gateway.Signing;

/// <summary>
/// The gateway's signing key, in section <c>Gateway:Signing</c>: with the CA in process, when it is
/// replaced; without it, the files it is read from.
/// </summary>
public sealed class GatewaySigningOptions
{
    /// <summary>The section.</summary>
    public const string Section = "Gateway:Signing";

    /// <summary>How many days before its certificate expires a new key is made (default 30).</summary>
    public int RenewDaysBeforeExpiry { get; set; } = 30;

    /// <summary>
    /// How long, in minutes, a new key is published at <c>/gateway/keys</c> before it signs, so
    /// that upstreams caching the key set have it before its first signature (default 1440, a day).
    /// A key replacing a revoked one signs at once.
    /// </summary>
    public int PublishAheadMinutes { get; set; } = 1440;

    /// <summary>How often, in seconds, each node reads the stored keys and checks whether one is due (default 60).</summary>
    public int CheckSeconds { get; set; } = 60;

    /// <summary>
    /// For a gateway without the CA in process: its signing certificate (PEM, profile <c>gateway</c>
    /// of the platform's CA, then the CAs above it). Read again when the file changes, within
    /// <see cref="CheckSeconds"/>.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>The certificate's ECDSA P-256 private key (PEM, PKCS#8).</summary>
    public string? KeyFile { get; set; }
}
