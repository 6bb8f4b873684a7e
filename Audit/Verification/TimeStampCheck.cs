namespace Audit.Verification;

/// <summary>The verdict on one time-stamp token.</summary>
/// <param name="Valid">True when every check passed.</param>
/// <param name="GenTime">The time the token states, when it could be read.</param>
/// <param name="Authority">The TSA's name (its certificate's common name), when it could be read.</param>
/// <param name="SerialNumber">The token's serial number in hex, when it could be read.</param>
/// <param name="Failure">What failed, readable; null when valid.</param>
public sealed record TimeStampCheck(bool Valid, DateTimeOffset? GenTime, string? Authority, string? SerialNumber, string? Failure);
