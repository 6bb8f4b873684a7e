namespace Signatures.Validation.Reports;

/// <summary>The outcome of one check of a report.</summary>
public static class CheckStatus
{
    /// <summary>The check passed.</summary>
    public const string Passed = "passed";

    /// <summary>The check failed.</summary>
    public const string Failed = "failed";

    /// <summary>The check could not be decided with the information at hand.</summary>
    public const string Indeterminate = "indeterminate";

    /// <summary>The check was not made: an earlier one failed, or it does not apply to this signature.</summary>
    public const string Skipped = "skipped";
}
