namespace Signatures.Validation.Reports;

/// <summary>
/// The answer of <c>POST /signatures/verify</c>: one <see cref="SignatureReport"/> per SignerInfo in
/// <see cref="Signatures"/>, and at the top the fields of the worst of them (TOTAL-FAILED before
/// INDETERMINATE before TOTAL-PASSED; the first among equals), so a caller with one signer reads the
/// top level only. A signature that cannot be read at all has no entries and its checks at the top.
/// </summary>
public sealed record ValidationReport(
    string Indication, string? SubIndication, SignerSummary? Signer, DateTimeOffset? SigningTime,
    TimestampSummary? Timestamp, TimestampSummary? ArchiveTimestamp, string? Level, IReadOnlyList<ValidationCheck> Checks,
    IReadOnlyList<SignatureReport> Signatures)
{
    /// <summary>The report of a signature whose structure could not be read.</summary>
    public static ValidationReport Unreadable(string indication, string subIndication, IReadOnlyList<ValidationCheck> checks) =>
        new(indication, subIndication, null, null, null, null, null, checks, []);

    /// <summary>The report over <paramref name="signatures"/> (at least one).</summary>
    public static ValidationReport Of(IReadOnlyList<SignatureReport> signatures)
    {
        var worst = signatures[0];
        foreach (var signature in signatures)
        {
            if (Indications.Severity(signature.Indication) > Indications.Severity(worst.Indication))
            {
                worst = signature;
            }
        }

        return new(worst.Indication, worst.SubIndication, worst.Signer, worst.SigningTime, worst.Timestamp, worst.ArchiveTimestamp,
            worst.Level, worst.Checks, signatures);
    }
}
