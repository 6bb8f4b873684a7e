namespace Platform.Hosting;

/// <summary>
/// The <c>Platform:RequestBody</c> section: how long a request body may take to arrive. Every
/// endpoint reads its body through <see cref="Platform.Http.RequestBody"/>, which enforces the
/// whole-body deadline; the host gives the server its minimum data rate from the same section.
/// </summary>
public sealed class RequestBodySettings
{
    /// <summary>
    /// The most time a whole body may take, from the first read to its last byte (default 30 s).
    /// Past it the request is answered <c>408 body-timeout</c> (or the protocol's own rejection).
    /// </summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The slowest a body may arrive once <see cref="GracePeriodSeconds"/> has passed (default 240
    /// bytes per second, the server's usual floor); a body that stalls is cut by this rule first.
    /// </summary>
    public double MinBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may arrive slower than <see cref="MinBytesPerSecond"/> before it is cut (default 5 s).</summary>
    public double GracePeriodSeconds { get; set; } = 5;

    /// <summary>The deadline as a time span.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The first thing wrong with the settings, or null when they are usable.</summary>
    public string? Problem() =>
        TimeoutSeconds is < 0.1 or > 600 ? "Platform:RequestBody:TimeoutSeconds must be between 0.1 and 600."
        : MinBytesPerSecond is < 1 or > 1024 * 1024 ? "Platform:RequestBody:MinBytesPerSecond must be between 1 and 1048576."
        : GracePeriodSeconds is <= 1 or > 600 ? "Platform:RequestBody:GracePeriodSeconds must be more than 1 and at most 600 (the server refuses 1 s or less)."
        : null;
}
