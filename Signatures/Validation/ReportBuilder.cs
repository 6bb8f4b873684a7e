using Signatures.Validation.Reports;

namespace Signatures.Validation;

/// <summary>
/// Collects the checks of one signature and the verdict they lead to. Several checks can fail; the
/// verdict is the gravest by the order EN 319 102-1 gives them: an unreadable signature, then a
/// signer that cannot be identified, then the cryptographic failures (TOTAL-FAILED whatever the
/// chain says), then failures in time (revoked, expired, not yet valid), then the rest
/// (INDETERMINATE), the first found among equals.
/// </summary>
internal sealed class ReportBuilder
{
    private readonly List<ValidationCheck> checks = [];
    private (string Indication, string SubIndication, int Rank)? verdict;

    /// <summary>The checks so far.</summary>
    public IReadOnlyList<ValidationCheck> Checks => checks;

    /// <summary>The indication reached: TOTAL-PASSED while nothing failed.</summary>
    public string Indication => verdict?.Indication ?? Indications.TotalPassed;

    /// <summary>The sub-indication reached, null while nothing failed.</summary>
    public string? SubIndication => verdict?.SubIndication;

    /// <summary>True once a check decided the signature cannot be passed.</summary>
    public bool HasFailed => verdict is not null;

    /// <summary>Records a check that passed.</summary>
    public void Pass(string name, string detail) => checks.Add(new(name, CheckStatus.Passed, detail));

    /// <summary>Records a check that was not made, and why.</summary>
    public void Skip(string name, string detail) => checks.Add(new(name, CheckStatus.Skipped, detail));

    /// <summary>Records a check that failed without deciding the verdict (a time-stamp that gives no proof of existence).</summary>
    public void Note(string name, string detail) => checks.Add(new(name, CheckStatus.Failed, detail));

    /// <summary>Records a check that could not be decided but does not decide the verdict either (another check explains it).</summary>
    public void Undecided(string name, string detail) => checks.Add(new(name, CheckStatus.Indeterminate, detail));

    /// <summary>Records a check that failed and the verdict it leads to.</summary>
    public void Fail(string name, string indication, string subIndication, string detail)
    {
        checks.Add(new(name, indication == Indications.Indeterminate ? CheckStatus.Indeterminate : CheckStatus.Failed, detail));
        var rank = RankOf(subIndication);
        if (verdict is not { } current || rank > current.Rank)
        {
            verdict = (indication, subIndication, rank);
        }
    }

    private static int RankOf(string subIndication) => subIndication switch
    {
        SubIndications.FormatFailure => 6,
        SubIndications.NoSigningCertificateFound => 5,
        SubIndications.HashFailure or SubIndications.SigCryptoFailure => 4,
        SubIndications.CryptoConstraintsFailure or SubIndications.SignedDataNotFound => 3,
        SubIndications.Revoked or SubIndications.Expired or SubIndications.NotYetValid => 2,
        _ => 1,
    };
}
