namespace Audit.Verification;

/// <summary>
/// Checks a checkpoint's RFC 3161 time-stamp token against a TSA root the verifier trusts: the
/// token's signature, the TSA certificate (critical timeStamping EKU) and its chain to that root,
/// and that the imprint is SHA-256 of exactly the stamped bytes. The audit module knows no TSA;
/// the host that runs the verification supplies this check.
/// </summary>
public interface ITimeStampTokenVerifier
{
    /// <summary>Checks <paramref name="tokenOrResponse"/> (a DER token or TimeStampResp) over <paramref name="stamped"/>.</summary>
    TimeStampCheck Verify(byte[] tokenOrResponse, byte[] stamped);
}
