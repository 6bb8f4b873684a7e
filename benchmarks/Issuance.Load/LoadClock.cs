using System.Diagnostics;

namespace Issuance.Load;

/// <summary>The stopwatch arithmetic of a measured window, shared by the load programs.</summary>
internal static class LoadClock
{
    /// <summary><paramref name="time"/> in stopwatch ticks.</summary>
    public static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if that is larger, from any thread.</summary>
    public static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
