namespace Audit.Verification;

/// <summary>What a proof of one event's inclusion found.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="TreeSize">The size of the checkpoint proven against, or 0 when none could be used.</param>
/// <param name="Entry">The entry's bytes as text (the event that was hashed), when they were read.</param>
/// <param name="Problems">Each failure, readable; empty when proven.</param>
/// <param name="Notes">What was checked, readable.</param>
public sealed record InclusionReport(long Index, long TreeSize, string? Entry, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>True when the entry's own bytes were proven to be in the signed checkpoint.</summary>
    public bool Proven => Problems.Count == 0 && TreeSize > Index;

    /// <summary>Writes the event and the result for a person to read.</summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Entry is not null)
        {
            output.WriteLine(Entry);
        }

        foreach (var note in Notes)
        {
            output.WriteLine("  " + note);
        }

        foreach (var problem in Problems)
        {
            output.WriteLine("  FAIL " + problem);
        }

        output.WriteLine(Proven
            ? $"PROVEN: entry {Index} is included in the signed checkpoint of size {TreeSize}."
            : $"NOT PROVEN: entry {Index}.");
    }
}
