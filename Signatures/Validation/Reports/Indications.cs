namespace Signatures.Validation.Reports;

/// <summary>The main indications of a validation report (ETSI EN 319 102-1 §5.1.3).</summary>
public static class Indications
{
    /// <summary>Every check passed: the signature is valid.</summary>
    public const string TotalPassed = "TOTAL-PASSED";

    /// <summary>The signature is proven invalid (broken crypto, altered content, revoked before its proof of existence, …).</summary>
    public const string TotalFailed = "TOTAL-FAILED";

    /// <summary>The checks cannot say whether the signature is valid: information (a chain, revocation data, a proof of existence) is missing.</summary>
    public const string Indeterminate = "INDETERMINATE";

    /// <summary>How bad an indication is, for choosing the worst of several signatures: passed 0, indeterminate 1, failed 2.</summary>
    public static int Severity(string indication) => indication switch
    {
        TotalPassed => 0,
        Indeterminate => 1,
        _ => 2,
    };
}
