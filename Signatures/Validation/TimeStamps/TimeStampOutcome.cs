using Signatures.Validation.Reports;

namespace Signatures.Validation.TimeStamps;

/// <summary>What checking one time-stamp token gave.</summary>
/// <param name="Summary">The token as the report shows it; null when it could not be read.</param>
/// <param name="Valid">True when every check passed: only then is its genTime a proof of existence.</param>
/// <param name="Detail">The checks made, or the first that failed.</param>
/// <param name="Token">The token's SignedData, when readable (the archive time-stamp reads its unsigned attributes).</param>
internal sealed record TimeStampOutcome(TimestampSummary? Summary, bool Valid, string Detail, Cms.SignedDataDocument? Token);
