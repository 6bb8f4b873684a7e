namespace Pki.Ca.Storage;

/// <summary>A search of the certificate repository, newest first.</summary>
/// <param name="Now">The time that decides expiry.</param>
/// <param name="SubjectContains">Case-insensitive substring of the subject DN.</param>
/// <param name="Status">Only certificates with this status.</param>
/// <param name="Limit">At most this many (1..1000).</param>
/// <param name="Before">Continue after this (issuedAt in unix ms, serial) position, from a previous page.</param>
/// <param name="SerialPrefix">Only serial numbers starting with this (normalized lowercase hex).</param>
/// <param name="Ca">Only certificates of this issuing CA.</param>
/// <param name="Profile">Only certificates issued under this profile.</param>
/// <param name="Department">Only certificates issued through a request of this department.</param>
public sealed record CertificateQuery(
    DateTimeOffset Now,
    string? SubjectContains = null,
    CertificateStatus? Status = null,
    int Limit = 100,
    (long IssuedAt, string Serial)? Before = null,
    string? SerialPrefix = null,
    string? Ca = null,
    string? Profile = null,
    string? Department = null);
