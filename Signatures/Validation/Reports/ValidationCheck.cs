namespace Signatures.Validation.Reports;

/// <summary>One check of a validation report.</summary>
/// <param name="Name">What was checked, e.g. <c>message-digest</c>, <c>certificate-chain</c>.</param>
/// <param name="Status">One of <see cref="CheckStatus"/>.</param>
/// <param name="Detail">What was found, for people.</param>
public sealed record ValidationCheck(string Name, string Status, string Detail)
{
    /// <summary>True when the check passed.</summary>
    public bool Passed => Status == CheckStatus.Passed;
}
