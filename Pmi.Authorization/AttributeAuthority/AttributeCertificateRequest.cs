using System.ComponentModel.DataAnnotations;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The body of <c>POST /pmi/attribute-certificates</c>.</summary>
/// <param name="HolderSerial">Serial number (hex) of the holder's certificate, issued by the platform's CA and current.</param>
/// <param name="Roles">Role names (RFC 5755 role attribute), 1 to 16 of <c>[A-Za-z0-9._-]</c>, at most 64 characters each.</param>
/// <param name="Department">The department the holder belongs to (RFC 5755 group attribute), optional.</param>
/// <param name="Clearance">unmarked, unclassified, restricted, confidential, secret or topSecret (RFC 5755 clearance), optional.</param>
/// <param name="ValidityDays">Validity in days; the configured default when omitted.</param>
public sealed record AttributeCertificateRequest([property: Required] string? HolderSerial, [property: Required] IReadOnlyList<string>? Roles, string? Department, string? Clearance, int? ValidityDays);

/// <summary>An issued attribute certificate.</summary>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="HolderSerial">The holder certificate's serial number.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="AttributeCertificate">PEM (<c>ATTRIBUTE CERTIFICATE</c>).</param>
/// <param name="IssuerCertificate">The attribute authority's certificate, PEM.</param>
public sealed record AttributeCertificateResponse(string SerialNumber, string HolderSerial, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string AttributeCertificate, string IssuerCertificate);
