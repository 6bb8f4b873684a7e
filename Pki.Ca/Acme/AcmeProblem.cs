using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Pki.Ca.Acme;

/// <summary>
/// An ACME error type (RFC 8555 §6.7, RFC 9773 §7.4): <c>urn:ietf:params:acme:error:&lt;name&gt;</c>
/// with the HTTP status the platform answers it with. Every refusal of the ACME server is one of
/// <see cref="AcmeProblems"/> (docs/errors.md lists them).
/// </summary>
internal sealed record AcmeProblem(string Name, int Status, string Description)
{
    public string Type => "urn:ietf:params:acme:error:" + Name;
}

/// <summary>The ACME error types the platform answers with.</summary>
internal static class AcmeProblems
{
    public static readonly AcmeProblem AccountDoesNotExist = new("accountDoesNotExist", Status400BadRequest, "The request names an account the server does not have (onlyReturnExisting, or a kid of no account).");
    public static readonly AcmeProblem AlreadyReplaced = new("alreadyReplaced", Status409Conflict, "The certificate named in 'replaces' has already been replaced by another order.");
    public static readonly AcmeProblem AlreadyRevoked = new("alreadyRevoked", Status400BadRequest, "The certificate is already revoked.");
    public static readonly AcmeProblem BadCsr = new("badCSR", Status400BadRequest, "The CSR of a finalize request is unacceptable: not the order's names, the account's own key, or refused by the profile.");
    public static readonly AcmeProblem BadNonce = new("badNonce", Status400BadRequest, "The nonce is unknown, spent, expired or from another node: retry with the nonce of this answer.");
    public static readonly AcmeProblem BadPublicKey = new("badPublicKey", Status400BadRequest, "The JWS's key is not one the server accepts.");
    public static readonly AcmeProblem BadRevocationReason = new("badRevocationReason", Status400BadRequest, "The revocation reason is not an RFC 5280 reason an ACME client may give.");
    public static readonly AcmeProblem BadSignatureAlgorithm = new("badSignatureAlgorithm", Status400BadRequest, "The JWS's algorithm is not one the server accepts for that key.");
    public static readonly AcmeProblem Connection = new("connection", Status400BadRequest, "The server could not connect to the validation target.");
    public static readonly AcmeProblem Dns = new("dns", Status400BadRequest, "A DNS lookup of the validation failed.");
    public static readonly AcmeProblem ExternalAccountRequired = new("externalAccountRequired", Status401Unauthorized, "A new account needs an External Account Binding from a key the department's registration officer handed out.");
    public static readonly AcmeProblem IncorrectResponse = new("incorrectResponse", Status400BadRequest, "The response to a challenge was not its key authorization.");
    public static readonly AcmeProblem InvalidContact = new("invalidContact", Status400BadRequest, "A contact URL is not a mailto: address.");
    public static readonly AcmeProblem Malformed = new("malformed", Status400BadRequest, "The request is malformed: not a JWS, a wrong URL or content type, or a payload of the wrong shape.");
    public static readonly AcmeProblem OrderNotReady = new("orderNotReady", Status403Forbidden, "The order is not ready to be finalized: an authorization is not valid, or it is already finalized.");
    public static readonly AcmeProblem RateLimited = new("rateLimited", Status429TooManyRequests, "A limit is spent: the department's certificate quota, or requests from one address.");
    public static readonly AcmeProblem RejectedIdentifier = new("rejectedIdentifier", Status400BadRequest, "The server will not issue for an identifier: outside the account's department's name spaces, or not a DNS name.");
    public static readonly AcmeProblem ServerInternal = new("serverInternal", Status500InternalServerError, "The server could not complete the request (its storage or key store is unavailable).");
    public static readonly AcmeProblem Tls = new("tls", Status400BadRequest, "The TLS handshake of a tls-alpn-01 validation failed, or its certificate is not the challenge's.");
    public static readonly AcmeProblem Unauthorized = new("unauthorized", Status403Forbidden, "The account may not do this: deactivated, not the owner of the resource, or a signature that does not verify.");
    public static readonly AcmeProblem UnsupportedContact = new("unsupportedContact", Status400BadRequest, "A contact URL's scheme is not mailto:.");
    public static readonly AcmeProblem UnsupportedIdentifier = new("unsupportedIdentifier", Status400BadRequest, "The identifier type is not 'dns'.");

    /// <summary>Every type, for the documentation test.</summary>
    public static IReadOnlyList<AcmeProblem> All { get; } =
    [
        AccountDoesNotExist, AlreadyReplaced, AlreadyRevoked, BadCsr, BadNonce, BadPublicKey, BadRevocationReason, BadSignatureAlgorithm,
        Connection, Dns, ExternalAccountRequired, IncorrectResponse, InvalidContact, Malformed, OrderNotReady, RateLimited,
        RejectedIdentifier, ServerInternal, Tls, Unauthorized, UnsupportedContact, UnsupportedIdentifier,
    ];
}

/// <summary>A refusal on its way to the client as a problem document; thrown inside the ACME server only.</summary>
internal sealed class AcmeRefusal(AcmeProblem problem, string detail) : Exception(detail)
{
    public AcmeProblem Problem { get; } = problem;

    /// <summary>The HTTP status, when not the type's own (409 for a key another account has).</summary>
    public int Status { get; init; } = problem.Status;

    /// <summary>A resource the refusal points to (the account that has the key).</summary>
    public string? Location { get; init; }

    /// <summary>True when the refusal is in the audit trail already (the CA's own, for a revocation it refused).</summary>
    public bool Recorded { get; init; }
}
