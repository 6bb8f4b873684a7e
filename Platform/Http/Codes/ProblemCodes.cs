using System.Reflection;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>
/// Every error code the platform answers with, one catalogue for every module (documented in
/// docs/errors.md). Split by area into partial files; the codes of requests in general are here.
/// </summary>
public static partial class ProblemCodes
{
    private static readonly Lazy<IReadOnlyList<ProblemCode>> all = new(() =>
        [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ProblemCode)).Select(f => (ProblemCode)f.GetValue(null)!).OrderBy(c => c.Value, StringComparer.Ordinal)]);

    /// <summary>Every catalogued code, by name.</summary>
    public static IReadOnlyList<ProblemCode> All => all.Value;

    /// <summary>The request's body is larger than the endpoint accepts.</summary>
    public static readonly ProblemCode BodyTooLarge = new("body-too-large", Status413PayloadTooLarge, "The request body is larger than the endpoint accepts.");

    /// <summary>The body did not arrive in time.</summary>
    public static readonly ProblemCode BodyTimeout = new("body-timeout", Status408RequestTimeout, "The request body arrived too slowly, or not at all, within the time allowed.");

    /// <summary>The body ended before the length it announced.</summary>
    public static readonly ProblemCode BodyIncomplete = new("body-incomplete", Status400BadRequest, "The request body ended before the length it announced.");

    /// <summary>Too many requests from one address.</summary>
    public static readonly ProblemCode RateLimitExceeded = new("rate-limit-exceeded", Status429TooManyRequests,
        "A rate limit is spent: the client address sent more requests than the platform accepts from one address, or a gateway route's limit per caller or per route; Retry-After says when to try again.");

    /// <summary>The body is not what the endpoint reads (not an object, wrong shape or types).</summary>
    public static readonly ProblemCode BodyInvalid = new("body-invalid", Status400BadRequest, "The body does not have the shape the endpoint reads.");

    /// <summary>The body is not JSON.</summary>
    public static readonly ProblemCode JsonInvalid = new("json-invalid", Status400BadRequest, "The body is not valid JSON, or nests too deep.");

    /// <summary>The body's Content-Type is not one the endpoint reads.</summary>
    public static readonly ProblemCode MediaTypeUnsupported = new("media-type-unsupported", Status415UnsupportedMediaType, "The request's Content-Type is not one the endpoint reads.");

    /// <summary>The text body is not UTF-8.</summary>
    public static readonly ProblemCode EncodingInvalid = new("encoding-invalid", Status400BadRequest, "The text body is not UTF-8.");

    /// <summary>The HTTP request itself is malformed.</summary>
    public static readonly ProblemCode RequestMalformed = new("request-malformed", Status400BadRequest, "The HTTP request is malformed (request line, headers or framing).");

    /// <summary>The request's headers are too large.</summary>
    public static readonly ProblemCode HeadersTooLarge = new("headers-too-large", Status431RequestHeaderFieldsTooLarge, "The request's headers are larger than the platform accepts.");

    /// <summary>Nothing is served at the path.</summary>
    public static readonly ProblemCode PathUnknown = new("path-unknown", Status404NotFound, "Nothing is served at this path.");

    /// <summary>The path does not take the method.</summary>
    public static readonly ProblemCode MethodUnsupported = new("method-unsupported", Status405MethodNotAllowed, "The path does not take this HTTP method.");

    /// <summary>A query's <c>limit</c> is out of range.</summary>
    public static readonly ProblemCode LimitInvalid = new("limit-invalid", Status400BadRequest, "The query's limit is out of range.");

    /// <summary>A query's <c>cursor</c> is not one the platform gave out.</summary>
    public static readonly ProblemCode CursorInvalid = new("cursor-invalid", Status400BadRequest, "The query's cursor is not a 'next' value an earlier answer gave.");

    /// <summary>A list's filter is out of range (too long a search text).</summary>
    public static readonly ProblemCode QueryInvalid = new("query-invalid", Status400BadRequest, "A filter of the query is out of range; the answer names it.");

    /// <summary>The audit trail could not record the action (fail closed).</summary>
    public static readonly ProblemCode AuditUnavailable = new("audit-unavailable", Status503ServiceUnavailable,
        "The audit trail could not record the action, so the caller is not told it succeeded. A change may have been committed; its event is recorded once the trail is back.");

    /// <summary>The key store (a PKCS#11 token) cannot sign now.</summary>
    public static readonly ProblemCode KeyStoreUnavailable = new("key-store-unavailable", Status503ServiceUnavailable,
        "The key store cannot sign now (the hardware token failed or has no free session); nothing was issued or signed. Try again later.");

    /// <summary>The endpoint needs a client certificate of the platform.</summary>
    public static readonly ProblemCode ClientCertificateRequired = new("client-certificate-required", Status401Unauthorized,
        "The endpoint needs a client certificate issued by the platform, on the HTTPS listener.");

    /// <summary>The presented client certificate is not accepted.</summary>
    public static readonly ProblemCode ClientCertificateRefused = new("client-certificate-refused", Status401Unauthorized,
        "The client certificate is not the platform's, not current, revoked, or not for client authentication.");

    /// <summary>The caller lacks the role the endpoint needs.</summary>
    public static readonly ProblemCode RoleRequired = new("role-required", Status403Forbidden, "The caller does not carry the role the endpoint needs; the answer names it.");
}
