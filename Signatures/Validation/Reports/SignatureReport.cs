namespace Signatures.Validation.Reports;

/// <summary>The validation of one SignerInfo (EN 319 102-1 §5.1.3 validation report, simplified).</summary>
/// <param name="Indication">One of <see cref="Indications"/>.</param>
/// <param name="SubIndication">One of <see cref="SubIndications"/>; null when passed.</param>
/// <param name="Signer">The signer's certificate, when identified.</param>
/// <param name="SigningTime">The signing-time attribute: what the signer claims, not a proof.</param>
/// <param name="Timestamp">The signature time-stamp (B-T), when present.</param>
/// <param name="ArchiveTimestamp">The first archive time-stamp (B-LTA), when present.</param>
/// <param name="Level">The CAdES baseline level found: B-B, B-T, B-LT or B-LTA.</param>
/// <param name="Checks">Every check made, in order.</param>
public sealed record SignatureReport(
    string Indication, string? SubIndication, SignerSummary? Signer, DateTimeOffset? SigningTime,
    TimestampSummary? Timestamp, TimestampSummary? ArchiveTimestamp, string? Level, IReadOnlyList<ValidationCheck> Checks);
