using Platform.Auditing;
using Platform.Cryptography;
using Platform.Storage;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Signatures.Seals;

/// <summary>The seals table of the module database. A seal's row and its audit event commit together.</summary>
internal sealed class SealStore(IModuleDatabase database, AuditOutbox outbox)
{
    private const string Columns = "department, key_id, algorithm, serial, certificates, created_at, created_by";

    /// <summary>Every seal.</summary>
    public async Task<IReadOnlyList<Seal>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM seals ORDER BY department");
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The seal of <paramref name="department"/>, or null.</summary>
    public async Task<Seal?> GetAsync(string department, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM seals WHERE department = @department");
        command.AddParameter("department", department);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// Adds <paramref name="seal"/> with its event; false, and nothing written, when the department has
    /// a seal already (the primary key decides between racing creations).
    /// </summary>
    public async Task<bool> TryAddAsync(Seal seal, AuditEvent created, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await using var command = connection.Command(
                    $"INSERT INTO seals ({Columns}) VALUES (@department, @key, @algorithm, @serial, @certificates, @created, @by)", transaction);
                command.AddParameter("department", seal.Department).AddParameter("key", seal.KeyId).AddParameter("algorithm", seal.Algorithm.Name())
                    .AddParameter("serial", seal.SerialNumber).AddParameter("certificates", Pem([seal.Certificate, .. seal.Chain]))
                    .AddParameter("created", seal.CreatedAt.ToUnixTimeSeconds()).AddParameter("by", seal.CreatedBy);
                await command.ExecuteNonQueryAsync(ct);
                return new Audited<bool>(true, created);
            }, cancellationToken);
            return true;
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<Seal>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        List<Seal> seals = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var certificates = Certificates(reader.GetString(4));
            KeyAlgorithmNames.TryParse(reader.GetString(2), out var algorithm);
            seals.Add(new Seal(reader.GetString(0), reader.GetString(1), algorithm, reader.GetString(3), certificates[0], certificates[1..],
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(5)), reader.GetString(6)));
        }

        return seals;
    }

    private static string Pem(IEnumerable<byte[]> certificates)
    {
        var text = new StringBuilder();
        foreach (var certificate in certificates)
        {
            text.Append(PemEncoding.WriteString("CERTIFICATE", certificate)).Append('\n');
        }

        return text.ToString();
    }

    private static byte[][] Certificates(string pem)
    {
        List<byte[]> certificates = [];
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            certificates.Add(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
            rest = rest[fields.Location.End..];
        }

        return [.. certificates];
    }
}
