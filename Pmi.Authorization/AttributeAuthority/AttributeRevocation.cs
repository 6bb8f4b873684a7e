using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Platform.Auditing;
using Platform.Cryptography.BouncyCastle;
using Platform.Storage;
using Pmi.Authorization.Decisions;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Revokes attribute certificates and publishes the attribute certificate revocation list (ACRL,
/// RFC 5755 §6): an X.509 CRL signed by the attribute authority. A revoked certificate stops counting
/// in decisions as soon as the revocation is stored.
/// </summary>
internal sealed class AttributeRevocation(
    AttributeAuthorityCredentials authority, IModuleDatabase database, AuditOutbox outbox, TimeProvider time, HolderDirectory directory)
{
    /// <summary>
    /// Revokes; returns when it was revoked (the earlier time, with <c>Already</c>, if it already was),
    /// or a null time for an unknown serial.
    /// </summary>
    public async Task<(DateTimeOffset? RevokedAt, bool Already)> RevokeAsync(string serial, string reason, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var already = false;
        var revokedAt = await outbox.WriteAsync<DateTimeOffset?>(database, async (connection, transaction, ct) =>
        {
            already = false;
            await using var update = connection.Command("UPDATE attribute_certificates SET revoked_at = @now WHERE serial = @serial AND revoked_at IS NULL", transaction);
            update.AddParameter("now", now).AddParameter("serial", serial);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                await using var existing = connection.Command("SELECT revoked_at FROM attribute_certificates WHERE serial = @serial", transaction);
                existing.AddParameter("serial", serial);
                var value = await existing.ExecuteScalarAsync(ct);
                already = value is not null and not DBNull;
                return new Audited<DateTimeOffset?>(already ? Time(value!) : null, null);
            }

            await database.SignalChangeAsync(connection, transaction, ct);
            return new Audited<DateTimeOffset?>(now, auditEvent with
            {
                Outcome = AuditOutcome.Success,
                Target = serial,
                Details = new Dictionary<string, string> { ["reason"] = reason },
            });
        }, cancellationToken);
        if (revokedAt is not null && !already)
        {
            directory.Remove(serial);
        }

        return (revokedAt, already);
    }

    /// <summary>The current ACRL (DER): every revoked attribute certificate that has not expired.</summary>
    public async Task<byte[]> AcrlAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(authority.Certificate.SubjectDN);
        generator.SetThisUpdate(now.UtcDateTime);
        generator.SetNextUpdate(now.AddDays(1).UtcDateTime);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.Command("SELECT serial, revoked_at FROM attribute_certificates WHERE revoked_at IS NOT NULL AND not_after > @now"))
        {
            command.AddParameter("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                generator.AddCrlEntry(new BigInteger(reader.GetString(0), 16), Time(reader.GetValue(1)).UtcDateTime, CrlReason.Unspecified);
            }
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(authority.Certificate));
        // Milliseconds since the epoch: increases with every list issued, on every node.
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(now.ToUnixTimeMilliseconds())));
        return generator.Generate(new SigningKeySignatureFactory(authority.Key)).GetEncoded();
    }

    private static DateTimeOffset Time(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException("Unexpected time value " + value.GetType()),
    };
}
