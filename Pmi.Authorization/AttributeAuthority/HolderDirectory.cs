using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Storage;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// The unrevoked attribute certificates, in memory by holder, so that a decision can turn a principal's
/// currently valid ones into parents (roles, department) and a <c>clearance</c> attribute without a
/// database round trip. Loaded before the platform serves; the issuer adds to it, revocation removes
/// from it, and a refresh reloads it when another node sharing the database changed the certificates.
/// </summary>
internal sealed class HolderDirectory(IModuleDatabase database, TimeProvider time, IOptions<AttributeAuthorityOptions> options) : IStartupTask
{
    private readonly Lock gate = new();
    private Dictionary<string, HeldAttributes[]> byHolder = new(StringComparer.Ordinal);
    private (long Issued, long Revoked) loadedFingerprint = (-1, -1);
    private long localChanges;

    public int Order => 310;

    public Task RunAsync(CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    /// <summary>
    /// Reloads when the attribute certificates in the database are not the ones this node loaded:
    /// another node sharing the database granted or revoked one.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        (long, long) loaded;
        lock (gate)
        {
            loaded = loadedFingerprint;
        }

        if (await FingerprintAsync(cancellationToken) != loaded)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changesBefore = Interlocked.Read(ref localChanges);
            // Read before the rows: a change committed during the load shows in the next refresh.
            var fingerprint = await FingerprintAsync(cancellationToken);
            var loaded = await LoadAsync(cancellationToken);
            lock (gate)
            {
                // A grant or revocation of this node's own during the load may be missing from (or
                // revived by) the rows just read: read again rather than lose it.
                if (localChanges == changesBefore)
                {
                    byHolder = loaded;
                    loadedFingerprint = fingerprint;
                    return;
                }
            }
        }
    }

    private async Task<Dictionary<string, HeldAttributes[]>> LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, List<HeldAttributes>>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT serial, holder_serial, roles, department, clearance, not_before, not_after FROM attribute_certificates WHERE revoked_at IS NULL AND not_after > @now");
        command.AddParameter("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var held = new HeldAttributes(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : Array.IndexOf(Rfc5755Attributes.Classes, reader.GetString(4)),
                Time(reader.GetValue(5)), Time(reader.GetValue(6)));
            (loaded.TryGetValue(held.HolderSerial, out var list) ? list : loaded[held.HolderSerial] = []).Add(held);
        }

        return loaded.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>How many attribute certificates were ever issued and revoked: each grant or revocation moves one of the two.</summary>
    private async Task<(long Issued, long Revoked)> FingerprintAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*), COUNT(revoked_at) FROM attribute_certificates");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void Add(HeldAttributes held)
    {
        lock (gate)
        {
            localChanges++;
            // Copy on write: decisions read the dictionary without the lock.
            var next = new Dictionary<string, HeldAttributes[]>(byHolder, StringComparer.Ordinal);
            next[held.HolderSerial] = [.. next.GetValueOrDefault(held.HolderSerial) ?? [], held];
            byHolder = next;
        }
    }

    /// <summary>The roles <paramref name="holderSerial"/> holds now, from its valid, unrevoked attribute certificates.</summary>
    public IReadOnlyCollection<string> CurrentRoles(string holderSerial)
    {
        if (!Volatile.Read(ref byHolder).TryGetValue(holderSerial, out var all))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return all.Where(h => h.NotBefore <= now && h.NotAfter > now).SelectMany(h => h.Roles).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Forgets a revoked attribute certificate.</summary>
    public void Remove(string serial)
    {
        lock (gate)
        {
            localChanges++;
            byHolder = byHolder
                .Select(kv => (kv.Key, Value: kv.Value.Where(h => h.Serial != serial).ToArray()))
                .Where(kv => kv.Value.Length > 0)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The entity the platform knows for <paramref name="principal"/> from its currently valid attribute
    /// certificates, or null when it has none. The highest clearance of its certificates is its clearance.
    /// </summary>
    public Entity? EntityFor(EntityUid principal)
    {
        var settings = options.Value;
        if (principal.Type != settings.HolderEntityType || !Volatile.Read(ref byHolder).TryGetValue(principal.Id, out var all))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var parents = new HashSet<EntityUid>();
        int? clearance = null;
        foreach (var held in all)
        {
            if (held.NotBefore > now || held.NotAfter <= now)
            {
                continue;
            }

            foreach (var role in held.Roles)
            {
                parents.Add(new EntityUid(settings.RoleEntityType, role));
            }

            if (held.Department is not null)
            {
                parents.Add(new EntityUid(settings.DepartmentEntityType, held.Department));
            }

            clearance = held.Clearance is { } c && c > (clearance ?? -1) ? c : clearance;
        }

        if (parents.Count == 0 && clearance is null)
        {
            return null;
        }

        var attrs = new Dictionary<string, Value>(StringComparer.Ordinal);
        if (clearance is not null)
        {
            attrs["clearance"] = LongValue.Of(clearance.Value);
        }

        return new Entity(principal, attrs, parents, null);
    }

    private static DateTimeOffset Time(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException("Unexpected time value " + value.GetType()),
    };
}
