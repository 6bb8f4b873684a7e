namespace Server.Tests.Hosting;

/// <summary>The system clock, until a test makes every reading of it throw.</summary>
public sealed class FailingClock : TimeProvider
{
    private volatile bool failing;

    /// <summary>Whether <see cref="GetUtcNow"/> throws.</summary>
    public bool Failing
    {
        get => failing;
        set => failing = value;
    }

    public override DateTimeOffset GetUtcNow() =>
        failing ? throw new InvalidOperationException("The clock failed, as the test asked.") : base.GetUtcNow();
}
