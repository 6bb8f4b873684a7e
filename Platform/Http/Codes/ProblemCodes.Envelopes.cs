using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The codes of encryption and decryption of documents (CMS envelopes, <c>/signatures/encrypt</c> and <c>/signatures/decrypt</c>).</summary>
public static partial class ProblemCodes
{
    /// <summary>The document to encrypt is missing or not base64.</summary>
    public static readonly ProblemCode EncryptionContentInvalid = new("encryption-content-invalid", Status400BadRequest,
        "content is required: the document to encrypt, in base64.");

    /// <summary>The recipients are missing, too many, or not PEM certificates.</summary>
    public static readonly ProblemCode EncryptionRecipientsInvalid = new("encryption-recipients-invalid", Status400BadRequest,
        "recipients is a list of 1 to 16 PEM certificates (-----BEGIN CERTIFICATE-----), each well-formed.");

    /// <summary>A recipient certificate is not the platform's.</summary>
    public static readonly ProblemCode EncryptionRecipientUntrusted = new("encryption-recipient-untrusted", Status400BadRequest,
        "A recipient certificate was not issued by the platform's CA (unknown serial number, other bytes, or a signature its issuer did not make).");

    /// <summary>A recipient certificate is revoked or on hold.</summary>
    public static readonly ProblemCode EncryptionRecipientRevoked = new("encryption-recipient-revoked", Status400BadRequest,
        "A recipient certificate is revoked or on hold: nothing is encrypted to it.");

    /// <summary>A recipient certificate is outside its validity.</summary>
    public static readonly ProblemCode EncryptionRecipientExpired = new("encryption-recipient-expired", Status400BadRequest,
        "A recipient certificate is expired or not yet valid.");

    /// <summary>A recipient certificate's key cannot receive an envelope.</summary>
    public static readonly ProblemCode EncryptionRecipientUnusable = new("encryption-recipient-unusable", Status400BadRequest,
        "A recipient certificate cannot receive an encrypted document: its key is not RSA, ECDSA P-256/P-384 or SM2 (Ed25519 signs only), or its key usage lacks keyEncipherment (RSA, SM2) or keyAgreement (ECDSA).");

    /// <summary>The content encryption asked for is not offered.</summary>
    public static readonly ProblemCode EncryptionAlgorithmUnsupported = new("encryption-algorithm-unsupported", Status400BadRequest,
        "contentEncryption is aes-256-gcm (the default), aes-256-cbc or sm4-cbc.");

    /// <summary>This node cannot check recipient certificates.</summary>
    public static readonly ProblemCode EncryptionUnavailable = new("encryption-unavailable", Status503ServiceUnavailable,
        "Encryption needs the platform's CA to check recipient certificates, which this node does not run or reach.");

    /// <summary>The envelope is not base64 of a CMS envelope.</summary>
    public static readonly ProblemCode EnvelopedInvalid = new("enveloped-invalid", Status400BadRequest,
        "enveloped is required: base64 of one DER CMS ContentInfo holding EnvelopedData or AuthEnvelopedData with its encrypted content.");

    /// <summary>The envelope uses an algorithm the platform does not open.</summary>
    public static readonly ProblemCode EnvelopedAlgorithmUnsupported = new("enveloped-algorithm-unsupported", Status400BadRequest,
        "The envelope uses an algorithm the platform does not open: content in AES-GCM, AES-CBC or SM4-CBC; keys by RSAES-OAEP (not PKCS #1 v1.5), ephemeral-static ECDH with AES key wrap, or SM2.");

    /// <summary>No recipient of the envelope has a key the platform holds.</summary>
    public static readonly ProblemCode DecryptionKeyUnknown = new("decryption-key-unknown", Status404NotFound,
        "No recipient of the envelope is an encryption certificate whose key the platform holds in escrow.");

    /// <summary>The decision point does not allow the caller to decrypt with the department's key.</summary>
    public static readonly ProblemCode DecryptionDenied = new("decryption-denied", Status403Forbidden,
        "The platform's policy does not allow you to decrypt with that department's keys (role decryption-officer).");

    /// <summary>The held key does not open the envelope.</summary>
    public static readonly ProblemCode DecryptionFailed = new("decryption-failed", Status400BadRequest,
        "The envelope does not open with the key of the recipient it names: it was encrypted to another key, or altered (a tag or padding that does not verify).");

    /// <summary>This node cannot look up held keys or ask the decision point.</summary>
    public static readonly ProblemCode DecryptionUnavailable = new("decryption-unavailable", Status503ServiceUnavailable,
        "Decryption needs the platform's key escrow and decision point, which this node does not run or reach.");
}
