using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The signature service's codes: department seals, and signing with them or with the caller's own key.</summary>
public static partial class ProblemCodes
{
    /// <summary>The seal's department name breaks the naming rule.</summary>
    public static readonly ProblemCode SealDepartmentInvalid = new("seal-department-invalid", Status400BadRequest,
        "department is required: 1 to 64 letters, digits, '.', '_' and '-'.");

    /// <summary>The seal's key algorithm is not one the platform has.</summary>
    public static readonly ProblemCode SealAlgorithmInvalid = new("seal-algorithm-invalid", Status400BadRequest,
        "algorithm is one of RSA-2048, RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384, Ed25519, SM2.");

    /// <summary>The department has a seal already.</summary>
    public static readonly ProblemCode SealExists = new("seal-exists", Status409Conflict, "The department has a seal already; there is one seal per department.");

    /// <summary>No seal for that department.</summary>
    public static readonly ProblemCode SealUnknown = new("seal-unknown", Status404NotFound, "The department has no seal.");

    /// <summary>The CA refused to certify the seal's key.</summary>
    public static readonly ProblemCode SealCertificateRefused = new("seal-certificate-refused", Status400BadRequest,
        "The platform's CA refused to certify the seal's key under the document-signing profile (its rules do not allow that key).");

    /// <summary>No CA on this node to certify seals.</summary>
    public static readonly ProblemCode SealUnavailable = new("seal-unavailable", Status503ServiceUnavailable,
        "Seals need the platform's certificate authority, which this node does not host.");

    /// <summary>The decision point does not allow the caller to use the seal.</summary>
    public static readonly ProblemCode SealUseDenied = new("seal-use-denied", Status403Forbidden,
        "The platform's policy does not allow you to seal with that department's seal (role seal-user of the department).");

    /// <summary>The request names no known signature level.</summary>
    public static readonly ProblemCode SignatureLevelInvalid = new("signature-level-invalid", Status400BadRequest, "level is one of B-B, B-T, B-LT, B-LTA.");

    /// <summary>The content (or digest) is missing or not base64.</summary>
    public static readonly ProblemCode SignatureContentInvalid = new("signature-content-invalid", Status400BadRequest,
        "content is the document in base64 (or digest the digest of it, of the signer's digest length); an enveloping signature needs the content.");

    /// <summary>The content is larger than the service signs.</summary>
    public static readonly ProblemCode SignatureContentTooLarge = new("signature-content-too-large", Status413PayloadTooLarge,
        "The document is larger than Signatures:MaxContentBytes.");

    /// <summary>The request is neither a seal's nor an assembly of the caller's own signature.</summary>
    public static readonly ProblemCode SignatureRequestInvalid = new("signature-request-invalid", Status400BadRequest,
        "A signing request names a seal, or carries signedAttributes, signatureValue and certificate of the caller's own signature; not both, not neither.");

    /// <summary>The time-stamp authority or the revocation data a level needs is not available.</summary>
    public static readonly ProblemCode SignatureLevelUnavailable = new("signature-level-unavailable", Status503ServiceUnavailable,
        "The level needs the platform's time-stamp authority (B-T and up) or its CA's revocation data (B-LT and up), which are not available now.");

    /// <summary>The signer's certificate is not one the service signs with.</summary>
    public static readonly ProblemCode SignerCertificateInvalid = new("signer-certificate-invalid", Status400BadRequest,
        "certificate is one PEM certificate the platform's CA issued, current (neither revoked nor expired), with digitalSignature or contentCommitment usage.");

    /// <summary>The signer's certificate is someone else's.</summary>
    public static readonly ProblemCode SignerCertificateForeign = new("signer-certificate-foreign", Status403Forbidden,
        "You may sign only with your own certificate: its subject must be that of the client certificate you authenticate with.");

    /// <summary>The signed attributes are malformed or do not fit the content and certificate.</summary>
    public static readonly ProblemCode SignedAttributesInvalid = new("signed-attributes-invalid", Status400BadRequest,
        "signedAttributes is the DER SET that prepare returned: contentType id-data, messageDigest of the content, signingCertificateV2 of the certificate.");

    /// <summary>The signature value does not verify.</summary>
    public static readonly ProblemCode SignatureValueInvalid = new("signature-value-invalid", Status400BadRequest,
        "signatureValue does not verify over signedAttributes with the certificate's key (ECDSA and SM2 values are DER (r, s)).");
}
