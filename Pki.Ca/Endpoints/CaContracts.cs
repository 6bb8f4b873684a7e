using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pki.Ca.Endpoints;

/// <summary>A CA as <c>GET /pki/cas</c> lists it.</summary>
public sealed record CaResponse(
    string Name, string Subject, string Algorithm, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string? Parent, string Certificate,
    string Hierarchy, bool Issuing, bool Transport, string? SupersededBy, bool Offline, IReadOnlyList<string> Links);

/// <summary>A profile as <c>GET /pki/profiles</c> lists it.</summary>
public sealed record ProfileResponse(
    string Name, string Description, int ValidityDays, IReadOnlyList<string> KeyUsage, IReadOnlyList<string> ExtendedKeyUsage,
    IReadOnlyList<string> AllowedKeyAlgorithms, IReadOnlyList<string> AllowedSanTypes, bool RequireSan, bool RequireCommonName, IReadOnlyList<string> Roles,
    string Ca);

/// <summary>The body of <c>POST /pki/certificates</c>; <c>ca</c> names the issuing CA when not the profile's.</summary>
public sealed record IssueRequest([property: Required] string? Csr, [property: Required] string? Profile, string? Ca = null);

/// <summary>The answer to <c>POST /pki/certificates</c>.</summary>
public sealed record IssueResponse(string SerialNumber, string Certificate, IReadOnlyList<string> Chain);

/// <summary>A certificate as <c>GET /pki/certificates/{serial}</c> shows it.</summary>
public sealed record CertificateResponse(
    string SerialNumber, string Subject, string Profile, string Status, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    DateTimeOffset? RevokedAt, string? RevocationReason, string Certificate, string? Ca = null, string? RequestedBy = null);

/// <summary>The body of <c>POST /pki/certificates/{serial}/revoke</c>: an RFC 5280 reason name (<c>removeFromCRL</c> lifts a hold).</summary>
public sealed record RevokeRequest(string? Reason, DateTimeOffset? InvalidityDate);

/// <summary>A page of search results, newest first.</summary>
public sealed record CertificateSearchResponse(IReadOnlyList<CertificateResponse> Certificates, string? Next);

/// <summary>
/// What a relying party sees of a certificate (<c>GET /pki/certificates/{serial}/revocation-status</c>):
/// the platform's OCSP answer and its current full CRL, each checked as a relying party would.
/// </summary>
public sealed record RevocationStatusResponse(string SerialNumber, string Ca, OcspStatusResponse Ocsp, CrlStatusResponse Crl);

/// <summary>
/// The OCSP responder's answer: <c>good</c>, <c>revoked</c>, <c>unknown</c>, or <c>unavailable</c> when it gave no
/// successful response; <c>signatureValid</c> when the response verifies under its responder certificate and that under the CA.
/// </summary>
public sealed record OcspStatusResponse(
    string Status, DateTimeOffset? ThisUpdate, DateTimeOffset? NextUpdate, DateTimeOffset? RevokedAt, string? Reason, string? Responder, bool SignatureValid);

/// <summary>The CA's current full CRL: its number and times, whether it lists the certificate (with date and reason), whether its signature verifies.</summary>
public sealed record CrlStatusResponse(
    bool Available, long? Number, DateTimeOffset? ThisUpdate, DateTimeOffset? NextUpdate, bool Listed, DateTimeOffset? RevokedAt, string? Reason,
    bool SignatureValid);

/// <summary>Source-generated JSON for the CA's API: camelCase, no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<CaResponse>))]
[JsonSerializable(typeof(IReadOnlyList<ProfileResponse>))]
[JsonSerializable(typeof(IssueRequest))]
[JsonSerializable(typeof(IssueResponse))]
[JsonSerializable(typeof(CertificateResponse))]
[JsonSerializable(typeof(CertificateSearchResponse))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(RevocationStatusResponse))]
public sealed partial class CaJsonContext : JsonSerializerContext;
