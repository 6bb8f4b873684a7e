namespace Signatures.Cades;

/// <summary>The object identifiers a CAdES baseline signature is made of (RFC 5652, RFC 5035, RFC 5940, ETSI EN 319 122-1).</summary>
internal static class CadesOids
{
    /// <summary>id-data, the content type of a signed document.</summary>
    public const string Data = "1.2.840.113549.1.7.1";

    /// <summary>id-signedData.</summary>
    public const string SignedData = "1.2.840.113549.1.7.2";

    /// <summary>id-contentType (RFC 5652 §11.1).</summary>
    public const string ContentType = "1.2.840.113549.1.9.3";

    /// <summary>id-messageDigest (RFC 5652 §11.2).</summary>
    public const string MessageDigest = "1.2.840.113549.1.9.4";

    /// <summary>id-signingTime (RFC 5652 §11.3).</summary>
    public const string SigningTime = "1.2.840.113549.1.9.5";

    /// <summary>id-aa-signingCertificateV2 (RFC 5035).</summary>
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";

    /// <summary>id-aa-signatureTimeStampToken (RFC 3161 appendix A).</summary>
    public const string SignatureTimeStampToken = "1.2.840.113549.1.9.16.2.14";

    /// <summary>id-aa-ets-archiveTimestampV3 (EN 319 122-1 §5.5.3).</summary>
    public const string ArchiveTimeStampV3 = "0.4.0.1733.2.4";

    /// <summary>id-aa-ATSHashIndex-v3 (EN 319 122-1 §5.5.2).</summary>
    public const string AtsHashIndexV3 = "0.4.0.19122.1.5";

    /// <summary>id-ri-ocsp-response (RFC 5940): an OCSPResponse as an <c>other</c> RevocationInfoChoice.</summary>
    public const string OcspResponse = "1.3.6.1.5.5.7.16.2";

    /// <summary>SHA-256.</summary>
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
}
