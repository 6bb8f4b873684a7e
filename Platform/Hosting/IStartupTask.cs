namespace Platform.Hosting;

/// <summary>
/// Work a module must finish before the platform serves requests (bootstrap, key checks).
/// The host runs every registered task in <see cref="Order"/>, before it starts listening.
/// </summary>
public interface IStartupTask
{
    /// <summary>Lower runs first. The CA hierarchy uses 100; modules needing its certificates use more.</summary>
    int Order { get; }

    /// <summary>Does the work; throwing stops the platform from starting.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
