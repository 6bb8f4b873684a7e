namespace Platform.TimeStamping;

/// <summary>
/// The platform's time-stamp authority as other modules reach it (the signature service for
/// CAdES B-T and B-LTA, the audit trail for its checkpoints): an RFC 3161 token over a SHA-256
/// digest, signed by the same key and under the same clock checks as <c>POST /tsa</c>. A token
/// asked for in process is not an audit event of its own: the caller's event names it.
/// </summary>
public interface ITimeStampAuthority
{
    /// <summary>
    /// A time-stamp token (DER CMS ContentInfo, the TSA certificate included) over the SHA-256
    /// digest <paramref name="sha256"/>. Throws <see cref="TimeStampUnavailableException"/> when the
    /// TSA refuses: its clock is not known to be accurate, or its key is unavailable.
    /// </summary>
    Task<TimeStampGrant> StampAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken = default);
}

/// <summary>A granted time-stamp.</summary>
/// <param name="Token">The TimeStampToken: DER ContentInfo of the SignedData over the TSTInfo.</param>
/// <param name="SerialNumber">The token's serial number, lowercase hex.</param>
/// <param name="GenTime">The time the token states.</param>
public sealed record TimeStampGrant(byte[] Token, string SerialNumber, DateTimeOffset GenTime);
