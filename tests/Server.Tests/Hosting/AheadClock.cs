namespace Server.Tests.Hosting;

/// <summary>The system clock running <paramref name="ahead"/> of the others, as on a node whose clock drifted.</summary>
public sealed class AheadClock(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
}
