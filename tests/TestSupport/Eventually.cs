using Xunit;

namespace TestSupport;

/// <summary>
/// Polls for an effect that arrives on its own time (another node, a background task), failing
/// after a patience far beyond what the effect needs.
/// </summary>
public static class Eventually
{
    /// <summary>The default patience: ten seconds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The first answer of <paramref name="probe"/> that is not null.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> probe, TimeSpan? patience = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within {(patience ?? Patience).TotalSeconds} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Returns once <paramref name="probe"/> answers <paramref name="expected"/>.</summary>
    public static Task EqualAsync<T>(T expected, Func<Task<T>> probe, TimeSpan? patience = null) =>
        FoundAsync(async () =>
        {
            var seen = await probe();
            return EqualityComparer<T>.Default.Equals(seen, expected) ? (object)true : null;
        }, patience);

    /// <summary>Returns once <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? patience = null) =>
        FoundAsync(() => Task.FromResult(condition() ? (object?)true : null), patience);
}
