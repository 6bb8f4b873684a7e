namespace Pki.Ca.Tests.Revocation;

/// <summary>A clock that stands still until the test moves it.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
