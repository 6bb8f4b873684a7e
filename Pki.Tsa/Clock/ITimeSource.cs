namespace Pki.Tsa.Clock;

/// <summary>A reference the system clock is compared with (an NTP server, an operator's clock).</summary>
public interface ITimeSource
{
    /// <summary>A name for logs and health reports.</summary>
    string Name { get; }

    /// <summary>How far the system clock is ahead of the source (negative: behind); null when the source did not answer.</summary>
    Task<TimeSpan?> MeasureOffsetAsync(CancellationToken cancellationToken);
}
