using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The certificate authority's codes: requests, profiles, revocation, the repository.</summary>
public static partial class ProblemCodes
{
    /// <summary>No such certificate profile.</summary>
    public static readonly ProblemCode ProfileUnknown = new("profile-unknown", Status400BadRequest, "There is no certificate profile of that name.");

    /// <summary>The CSR is not PEM.</summary>
    public static readonly ProblemCode CsrNotPem = new("csr-not-pem", Status400BadRequest, "The csr is not a PEM 'CERTIFICATE REQUEST'.");

    /// <summary>The CSR is too large.</summary>
    public static readonly ProblemCode CsrTooLarge = new("csr-too-large", Status400BadRequest, "The CSR is larger than the CA reads.");

    /// <summary>The CSR is not well-formed PKCS#10 DER.</summary>
    public static readonly ProblemCode CsrMalformed = new("csr-malformed", Status400BadRequest, "The CSR is not well-formed DER PKCS#10.");

    /// <summary>The CSR's signature algorithm is not supported.</summary>
    public static readonly ProblemCode CsrSignatureAlgorithmUnsupported = new("csr-signature-algorithm-unsupported", Status400BadRequest,
        "The CSR is signed with an algorithm the CA does not support.");

    /// <summary>The CSR's self-signature does not verify.</summary>
    public static readonly ProblemCode CsrSignatureInvalid = new("csr-signature-invalid", Status400BadRequest, "The CSR's signature does not verify with its own key (no proof of possession).");

    /// <summary>The key is not allowed (kind, size, curve).</summary>
    public static readonly ProblemCode KeyNotAllowed = new("key-not-allowed", Status400BadRequest, "The key's type, size or curve is not allowed by the profile.");

    /// <summary>A subject attribute the profile does not allow.</summary>
    public static readonly ProblemCode SubjectAttributeForbidden = new("subject-attribute-forbidden", Status400BadRequest, "The subject has an attribute the profile does not allow.");

    /// <summary>The subject is empty or has bad values.</summary>
    public static readonly ProblemCode SubjectInvalid = new("subject-invalid", Status400BadRequest, "The subject's values are empty, too long or not printable.");

    /// <summary>The profile needs a common name.</summary>
    public static readonly ProblemCode CommonNameRequired = new("common-name-required", Status400BadRequest, "The profile needs a common name (CN) in the subject.");

    /// <summary>The common name is not also a SAN.</summary>
    public static readonly ProblemCode CommonNameNotInSan = new("common-name-not-in-san", Status400BadRequest, "The common name must also be a subject alternative name.");

    /// <summary>A SAN kind the profile does not allow.</summary>
    public static readonly ProblemCode SanForbidden = new("san-forbidden", Status400BadRequest, "A subject alternative name of a kind the profile does not allow.");

    /// <summary>A SAN that is not well-formed.</summary>
    public static readonly ProblemCode SanInvalid = new("san-invalid", Status400BadRequest, "A subject alternative name is not well-formed.");

    /// <summary>The profile needs a SAN.</summary>
    public static readonly ProblemCode SanRequired = new("san-required", Status400BadRequest, "The profile needs at least one subject alternative name.");

    /// <summary>A serial number that is not positive hex of at most 20 octets.</summary>
    public static readonly ProblemCode SerialInvalid = new("serial-invalid", Status400BadRequest, "A serial number is positive hexadecimal of at most 20 octets.");

    /// <summary>No certificate with that serial number was issued here.</summary>
    public static readonly ProblemCode CertificateUnknown = new("certificate-unknown", Status404NotFound, "No certificate with that serial number was issued here.");

    /// <summary>No such CA.</summary>
    public static readonly ProblemCode CaUnknown = new("ca-unknown", Status404NotFound, "There is no CA of that name.");

    /// <summary>The request names a CA that is not one of the issuing CAs.</summary>
    public static readonly ProblemCode CaInvalid = new("ca-invalid", Status400BadRequest,
        "The request names a CA that is not one of the platform's issuing CAs (GET /pki/cas lists them; a root does not issue end-entity certificates).");

    /// <summary>The CA the request names does not fit the profile.</summary>
    public static readonly ProblemCode CaProfileMismatch = new("ca-profile-mismatch", Status400BadRequest,
        "The CA's key algorithm does not fit the profile: it differs from the algorithm of the CA the profile is bound to, or the profile's TLS credentials need a CA that TLS stacks accept.");

    /// <summary>A certificate search's status is not one of the statuses.</summary>
    public static readonly ProblemCode StatusInvalid = new("status-invalid", Status400BadRequest, "status is one of valid, revoked, expired.");

    /// <summary>Not an RFC 5280 reason name.</summary>
    public static readonly ProblemCode ReasonInvalid = new("reason-invalid", Status400BadRequest, "The revocation reason is not an RFC 5280 reason name.");

    /// <summary>An invalidity date in the future.</summary>
    public static readonly ProblemCode InvalidityDateInvalid = new("invalidity-date-invalid", Status400BadRequest, "The invalidity date lies in the future.");

    /// <summary>The certificate is revoked already (only a hold can change).</summary>
    public static readonly ProblemCode CertificateAlreadyRevoked = new("certificate-already-revoked", Status409Conflict,
        "The certificate is revoked already; only a hold (certificateHold) can be changed.");

    /// <summary>removeFromCRL for a certificate that is not on hold.</summary>
    public static readonly ProblemCode CertificateNotOnHold = new("certificate-not-on-hold", Status409Conflict, "Only a certificate on hold can be released.");

    /// <summary>The revocation is recorded but its CRL could not be published yet.</summary>
    public static readonly ProblemCode CrlPublicationFailed = new("crl-publication-failed", Status503ServiceUnavailable,
        "The change is committed and OCSP answers it, but its CRL is not published yet; the CRL schedule publishes it.");

    /// <summary>The CA's key is offline and no CRL of it has been imported yet.</summary>
    public static readonly ProblemCode CrlUnavailable = new("crl-unavailable", Status404NotFound,
        "The CA's key is kept offline: its CRLs are signed in a key ceremony where the key is, and none is stored here yet; an offline CA publishes no delta CRL.");
}
