namespace Pki.Tsa;

/// <summary>The <c>Tsa</c> configuration section.</summary>
public sealed class TsaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Tsa";

    /// <summary>
    /// The default TSA policy OID, under IANA's enterprise number for documentation (RFC 5612).
    /// It works everywhere, but an operator sets <c>Tsa:DefaultPolicy</c> to an OID under its own
    /// arc, naming its published TSA policy; the platform warns at start until it does.
    /// </summary>
    public const string PlatformPolicy = "1.3.6.1.4.1.32473.1.2.1";

    /// <summary>The TSA key's algorithm on first start: ECDSA-P256 (default), ECDSA-P384, RSA-2048/3072/4096, Ed25519, SM2.</summary>
    public string KeyAlgorithm { get; set; } = "ECDSA-P256";

    /// <summary>The TSA certificate's subject.</summary>
    public string Subject { get; set; } = "CN=SecurityPlatform Time-Stamp Authority,O=SecurityPlatform";

    /// <summary>The policy of tokens whose request names none.</summary>
    public string DefaultPolicy { get; set; } = PlatformPolicy;

    /// <summary>Further policies a request may ask for; any other is refused with unacceptedPolicy.</summary>
    public List<string> AcceptedPolicies { get; set; } = [];

    /// <summary>Request extensions (OIDs) accepted; by default none, and a request with any is refused.</summary>
    public List<string> AcceptedExtensions { get; set; } = [];

    /// <summary>The accuracy stated in every token, in milliseconds; the clock monitor refuses beyond it.</summary>
    public int AccuracyMilliseconds { get; set; } = 1000;

    /// <summary>Whether tokens claim ordering (RFC 3161 §2.4.2); true only when genTime is strictly monotonic across all nodes.</summary>
    public bool Ordering { get; set; }

    /// <summary>With certReq, include the issuing and root CA certificates after the TSA's own.</summary>
    public bool IncludeChain { get; set; } = true;

    /// <summary>The largest request accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>The largest nonce accepted, in bytes of its DER INTEGER content.</summary>
    public int MaxNonceBytes { get; set; } = 32;

    /// <summary>The clock monitor.</summary>
    public ClockOptions Clock { get; set; } = new();
}

/// <summary>The <c>Tsa:Clock</c> section (RFC 3628 §7.3.2: no token while the clock is not known to be accurate).</summary>
public sealed class ClockOptions
{
    /// <summary>NTP servers as <c>host</c> or <c>host:port</c>. Empty: the system clock is trusted as it is (logged as a warning).</summary>
    public List<string> NtpServers { get; set; } = [];

    /// <summary>How often the clock is compared with the sources, in seconds.</summary>
    public double CheckIntervalSeconds { get; set; } = 64;

    /// <summary>With no successful comparison for this long, the TSA stops issuing, in seconds.</summary>
    public double MaxStalenessSeconds { get; set; } = 300;

    /// <summary>How long to wait for one NTP answer, in milliseconds.</summary>
    public int TimeoutMilliseconds { get; set; } = 1500;
}
