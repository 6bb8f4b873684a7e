namespace Signatures.Validation.Reports;

/// <summary>A time-stamp token found in the signature and what its checks gave.</summary>
/// <param name="GenTime">The time the token states: the proof of existence it gives when valid.</param>
/// <param name="Tsa">The subject of the TSA certificate, when found.</param>
/// <param name="SerialNumber">The token's serial number, lowercase hex.</param>
/// <param name="Valid">True when its signature, TSA certificate, chain and imprint all check.</param>
public sealed record TimestampSummary(DateTimeOffset GenTime, string? Tsa, string SerialNumber, bool Valid);
