namespace Pki.Tsa.Clock;

/// <summary>What the clock monitor last concluded.</summary>
/// <param name="Available">Whether tokens may be issued now.</param>
/// <param name="Offset">The measured offset of the system clock, when known.</param>
/// <param name="CheckedAt">When a source last answered.</param>
/// <param name="Reason">Why the clock is not available, or a note on how it is trusted.</param>
public sealed record ClockState(bool Available, TimeSpan? Offset, DateTimeOffset? CheckedAt, string Reason);
