namespace Pmi.Authorization.AttributeAuthority;

/// <summary>An attribute certificate as <c>GET /pmi/attribute-certificates</c> lists it.</summary>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="HolderSerial">The holder certificate's serial number.</param>
/// <param name="Roles">The roles it grants.</param>
/// <param name="Department">The department it names, if any.</param>
/// <param name="Clearance">The clearance it carries, if any.</param>
/// <param name="Status"><c>valid</c>, <c>revoked</c> or <c>expired</c> (of the attribute certificate itself; its holder's own certificate is checked at each decision).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="AttributeCertificate">PEM (<c>ATTRIBUTE CERTIFICATE</c>).</param>
public sealed record AttributeCertificateRecord(
    string SerialNumber, string HolderSerial, IReadOnlyList<string> Roles, string? Department, string? Clearance, string Status,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt, string AttributeCertificate);
