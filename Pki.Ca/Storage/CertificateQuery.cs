namespace Pki.Ca.Storage;

/// <summary>A search of the certificate repository, newest first.</summary>
/// <param name="Now">The time that decides expiry.</param>
/// <param name="SubjectContains">Case-insensitive substring of the subject DN.</param>
/// <param name="Status">Only certificates with this status.</param>
/// <param name="Limit">At most this many (1..1000).</param>
/// <param name="Before">Continue after this (issuedAt in unix ms, serial) position, from a previous page.</param>
public sealed record CertificateQuery(
    DateTimeOffset Now,
    string? SubjectContains = null,
    CertificateStatus? Status = null,
    int Limit = 100,
    (long IssuedAt, string Serial)? Before = null);
