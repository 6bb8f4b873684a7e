namespace Audit.Verification;

/// <summary>What a verification of the audit log found.</summary>
/// <param name="Entries">How many entries were re-read and re-hashed.</param>
/// <param name="Checkpoints">How many signed checkpoints were checked.</param>
/// <param name="FirstBadIndex">The first entry found missing, altered or out of place, when one was identified.</param>
/// <param name="Problems">Each failure, readable; empty when everything verified.</param>
/// <param name="Notes">What was checked, readable.</param>
public sealed record VerificationReport(
    long Entries, int Checkpoints, long? FirstBadIndex, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>True when no problem was found.</summary>
    public bool Verified => Problems.Count == 0;

    /// <summary>Writes the report for a person to read.</summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var note in Notes)
        {
            output.WriteLine("  " + note);
        }

        foreach (var problem in Problems)
        {
            output.WriteLine("  FAIL " + problem);
        }

        output.WriteLine(Verified
            ? $"VERIFIED: {Entries} entries and {Checkpoints} checkpoints."
            : FirstBadIndex is { } bad
                ? $"NOT VERIFIED: {Problems.Count} problem(s); first bad entry: {bad}."
                : $"NOT VERIFIED: {Problems.Count} problem(s).");
    }
}
