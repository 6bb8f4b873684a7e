namespace Signatures.Validation.Reports;

/// <summary>The sub-indications of EN 319 102-1 §5.1.3 that this validator gives.</summary>
public static class SubIndications
{
    /// <summary>TOTAL-FAILED or INDETERMINATE: the signature is not a CMS SignedData this validator can read, or lacks a mandatory part.</summary>
    public const string FormatFailure = "FORMAT_FAILURE";

    /// <summary>TOTAL-FAILED: the messageDigest attribute is not the digest of the signed content.</summary>
    public const string HashFailure = "HASH_FAILURE";

    /// <summary>TOTAL-FAILED: the signature value does not verify with the signer's public key.</summary>
    public const string SigCryptoFailure = "SIG_CRYPTO_FAILURE";

    /// <summary>TOTAL-FAILED: the signer's certificate was revoked at or before the proof of existence of the signature.</summary>
    public const string Revoked = "REVOKED";

    /// <summary>TOTAL-FAILED: the signer's certificate had expired at the proof of existence of the signature.</summary>
    public const string Expired = "EXPIRED";

    /// <summary>TOTAL-FAILED: the signer's certificate was not yet valid at the signing time.</summary>
    public const string NotYetValid = "NOT_YET_VALID";

    /// <summary>INDETERMINATE: the signer's certificate is not in the signature, or is not the one its signed attributes name.</summary>
    public const string NoSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND";

    /// <summary>INDETERMINATE: no chain from the signer's certificate to a trust anchor.</summary>
    public const string NoCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND";

    /// <summary>INDETERMINATE: the signer's certificate is revoked and nothing proves the signature existed before.</summary>
    public const string RevokedNoPoe = "REVOKED_NO_POE";

    /// <summary>INDETERMINATE: the signer's certificate is expired (or not yet valid) now and nothing proves the signature existed within its validity.</summary>
    public const string OutOfBoundsNoPoe = "OUT_OF_BOUNDS_NO_POE";

    /// <summary>INDETERMINATE: as <see cref="OutOfBoundsNoPoe"/>, but revocation data shows the certificate was not revoked.</summary>
    public const string OutOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED";

    /// <summary>INDETERMINATE: the revocation status of the signer's certificate cannot be established now.</summary>
    public const string TryLater = "TRY_LATER";

    /// <summary>INDETERMINATE: the signature is detached and the request gave no content.</summary>
    public const string SignedDataNotFound = "SIGNED_DATA_NOT_FOUND";

    /// <summary>INDETERMINATE: the signer's algorithms are not ones this validator accepts.</summary>
    public const string CryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE";

    /// <summary>INDETERMINATE: the signer's certificate does not allow signing (key usage), or a CA in its chain is not a CA.</summary>
    public const string ChainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE";
}
