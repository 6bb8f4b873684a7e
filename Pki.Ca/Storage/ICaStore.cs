using Platform.Auditing;

namespace Pki.Ca.Storage;

/// <summary>
/// The certificate authority's repository: its CAs and every certificate it issued. Every write
/// is durable when its task completes.
/// </summary>
public interface ICaStore
{
    /// <summary>All CAs, oldest first.</summary>
    Task<IReadOnlyList<CaRecord>> ListCasAsync(CancellationToken cancellationToken = default);

    /// <summary>A CA by name, or null.</summary>
    Task<CaRecord?> GetCaAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a CA and records <paramref name="created"/> with it; false (and nothing written or
    /// recorded) when one of that name exists already.
    /// </summary>
    Task<bool> TryAddCaAsync(CaRecord ca, AuditEvent created, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="successor"/> as the next generation of CA <paramref name="predecessor"/>
    /// and records <paramref name="rolledOver"/> with it, in one transaction; false (and nothing
    /// written) when that CA was superseded already or the name is taken.
    /// </summary>
    Task<bool> TryAddSuccessorAsync(string predecessor, CaRecord successor, AuditEvent rolledOver, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an issued certificate and records <paramref name="issued"/> with it, durable in the audit
    /// trail when this returns. A serial number that exists already throws <see cref="DuplicateSerialException"/>.
    /// </summary>
    Task AddCertificateAsync(CertificateRecord certificate, AuditEvent issued, CancellationToken cancellationToken = default);

    /// <summary>Every certificate issued under <paramref name="profile"/> (used for the few CA and link certificates), oldest first.</summary>
    Task<IReadOnlyList<CertificateRecord>> ListByProfileAsync(string profile, CancellationToken cancellationToken = default);

    /// <summary>A certificate by serial number (lowercase hex), or null.</summary>
    Task<CertificateRecord?> GetCertificateAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>Certificates matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<CertificateRecord>> SearchAsync(CertificateQuery query, CancellationToken cancellationToken = default);

    /// <summary>A small named value the CA keeps (bootstrap state), or null.</summary>
    Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets a named value.</summary>
    Task SetSettingAsync(string name, string value, CancellationToken cancellationToken = default);
}
