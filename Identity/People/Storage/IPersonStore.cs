using Platform.Auditing;

namespace Identity.People.Storage;

/// <summary>
/// The directory of people in the module's database, SQLite or PostgreSQL. Every change is one
/// transaction that commits its audit event with it (the platform's audit outbox).
/// </summary>
public interface IPersonStore
{
    /// <summary>Adds <paramref name="person"/>; false, and nothing recorded, when the login is taken.</summary>
    Task<bool> CreateAsync(StoredPerson person, AuditEvent created, CancellationToken cancellationToken = default);

    /// <summary>The person with <paramref name="login"/> (as stored, lowercase), or null.</summary>
    Task<StoredPerson?> GetAsync(string login, CancellationToken cancellationToken = default);

    /// <summary>The person the certificate with <paramref name="serialNumber"/> (lowercase hex) is bound to, or null.</summary>
    Task<StoredPerson?> FindByCertificateAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the person in a write transaction (locking the row on PostgreSQL, so nodes sharing
    /// the database change one person one at a time), lets <paramref name="decide"/> choose the
    /// change, and commits it with its event. <c>Found</c> is false, and <paramref name="decide"/>
    /// is not called, for an unknown login. <paramref name="decide"/> may run more than once
    /// (a retried write); only the run that commits counts.
    /// </summary>
    Task<(bool Found, T Result)> UpdateAsync<T>(string login, Func<StoredPerson, PersonChange<T>> decide, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="query"/>'s limit of people in login order after its cursor, filtered by a
    /// case-insensitive substring of login or display name and by department; and whether more follow.
    /// </summary>
    Task<(IReadOnlyList<StoredPerson> People, bool More)> ListAsync(PeopleQuery query, CancellationToken cancellationToken = default);

    /// <summary>Binds the certificate to the person, recording <paramref name="bound"/> when it changes anything.</summary>
    Task<CertificateBinding> BindCertificateAsync(string login, string serialNumber, DateTimeOffset now, AuditEvent bound, CancellationToken cancellationToken = default);
}
