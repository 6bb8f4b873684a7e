namespace Audit.TimeStamps;

/// <summary>Whether the latest checkpoint carries a time-stamp token.</summary>
/// <param name="AuthorityHosted">True when this process hosts the platform's TSA.</param>
/// <param name="LatestSize">The latest checkpoint's tree size, once one is known.</param>
/// <param name="LatestStamped">True when the latest checkpoint has its token.</param>
/// <param name="Reason">Why it has none, when it has none.</param>
internal sealed record TimeStampStatus(bool AuthorityHosted, long? LatestSize, bool LatestStamped, string? Reason);
