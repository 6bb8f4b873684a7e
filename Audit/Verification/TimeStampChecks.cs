using System.Globalization;
using System.Text;

namespace Audit.Verification;

/// <summary>
/// Checks the time-stamp tokens that accompany checkpoints and says, for each, when the log had
/// that size; then that time only moves forward with size: a larger checkpoint stamped earlier
/// than a smaller one means the tokens or the checkpoints were swapped, or the TSA's clock went back.
/// </summary>
internal sealed class TimeStampChecks(LogReplay replay, ITimeStampTokenVerifier? verifier)
{
    private readonly List<(long Size, DateTimeOffset GenTime)> times = [];
    private int uncheckedCount;
    private int missingCount;

    /// <summary>Checks <paramref name="token"/> (or notes its absence) for the checkpoint <paramref name="note"/> of <paramref name="size"/>.</summary>
    public void Check(long size, string note, byte[]? token, string whose = "")
    {
        if (token is null)
        {
            missingCount++;
            replay.Note($"{whose}log size {size}: no time-stamp token.");
            return;
        }

        if (verifier is null)
        {
            uncheckedCount++;
            return;
        }

        var result = verifier.Verify(token, Encoding.UTF8.GetBytes(note));
        if (!result.Valid)
        {
            replay.Problem($"{whose}log size {size}: the time-stamp token does not verify: {result.Failure}");
            return;
        }

        times.Add((size, result.GenTime!.Value));
        replay.Note($"{whose}log size {size} existed at {Format(result.GenTime.Value)} (TSA {result.Authority}, token serial {result.SerialNumber}).");
    }

    /// <summary>Reports tokens left unchecked, and any larger checkpoint stamped before a smaller one.</summary>
    public void Finish()
    {
        if (uncheckedCount > 0)
        {
            replay.Note($"{uncheckedCount} time-stamp token(s) not checked: no trusted TSA root was given (--ca ROOT.pem).");
        }

        if (missingCount > 0)
        {
            replay.Note($"{missingCount} checkpoint(s) without a time-stamp token (the TSA did not grant one when they were published).");
        }

        // Sizes ascending; within one size any order. Every time must be at least the latest time of every smaller size.
        var ordered = times.OrderBy(t => t.Size).ToList();
        (long Size, DateTimeOffset GenTime)? latestBelow = null, latestSoFar = null;
        long currentSize = -1;
        foreach (var entry in ordered)
        {
            if (entry.Size != currentSize)
            {
                latestBelow = latestSoFar;
                currentSize = entry.Size;
            }

            if (latestBelow is { } below && entry.GenTime < below.GenTime)
            {
                replay.Problem($"log size {entry.Size} is time-stamped at {Format(entry.GenTime)}, earlier than the smaller log size {below.Size} " +
                    $"at {Format(below.GenTime)}: the tokens or checkpoints were swapped, or the TSA's clock went back.");
            }

            if (latestSoFar is null || entry.GenTime > latestSoFar.Value.GenTime)
            {
                latestSoFar = entry;
            }
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
