using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Certificates;
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
/// A privilege dies with its holder: a holder whose own certificate is not good now (revoked, on hold,
/// expired, unknown) by the CA's <see cref="ICertificateStatusSource"/> gets nothing from its attribute
/// certificates, and gets them back when a hold is lifted.
/// </summary>
internal sealed class HolderDirectory(
    IModuleDatabase database, TimeProvider time, IOptions<AttributeAuthorityOptions> options, ICertificateStatusSource statuses, Decisions.DecisionInputsVersion? inputs = null)
    : IStartupTask
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim reloading = new(1, 1);
    private Dictionary<string, HeldAttributes[]> byHolder = new(StringComparer.Ordinal);
    private (long Issued, long Revoked) loadedFingerprint = (-1, -1);
    private ValidityHorizon? horizon;

    /// <summary>This node's own grants and revocations while a reload runs, to apply again to what it read.</summary>
    private List<Func<Dictionary<string, HeldAttributes[]>, Dictionary<string, HeldAttributes[]>>>? duringReload;

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

        // A holder whose status the CA could not read counts for nothing until it is tracked again.
        await statuses.TrackAsync(Volatile.Read(ref byHolder).Keys, cancellationToken);
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            lock (gate)
            {
                duringReload = [];
            }

            // Read before the rows: a change committed during the load shows in the next refresh.
            var fingerprint = await FingerprintAsync(cancellationToken);
            var loaded = await LoadAsync(cancellationToken);
            lock (gate)
            {
                // A grant or revocation of this node's own during the load may be missing from (or
                // revived by) the rows just read: applied again, each at most once.
                foreach (var change in duringReload!)
                {
                    loaded = change(loaded);
                }

                byHolder = loaded;
                loadedFingerprint = fingerprint;
            }

            inputs?.Moved();
        }
        finally
        {
            lock (gate)
            {
                duringReload = null;
            }

            reloading.Release();
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

        // Every holder's certificate status in memory before its attribute certificates count.
        await statuses.TrackAsync(loaded.Keys, cancellationToken);
        return loaded.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Has the CA keep <paramref name="holderSerial"/>'s certificate status in memory; call before <see cref="Add"/>.</summary>
    public Task TrackHolderAsync(string holderSerial, CancellationToken cancellationToken) => statuses.TrackAsync([holderSerial], cancellationToken);

    /// <summary>The entity types the platform derives from attribute certificates, which callers may not supply as they please.</summary>
    public Decisions.ReservedEntityTypes ReservedTypes =>
        new(options.Value.HolderEntityType, options.Value.RoleEntityType, options.Value.DepartmentEntityType);

    /// <summary>Whether <paramref name="holderSerial"/>'s own certificate is good now, so that its privileges count.</summary>
    public bool HolderIsGood(string holderSerial) => statuses.StatusOf(holderSerial) == CertificateHolderStatus.Good;

    /// <summary>How many attribute certificates were ever issued and revoked: each grant or revocation moves one of the two.</summary>
    private async Task<(long Issued, long Revoked)> FingerprintAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*), COUNT(revoked_at) FROM attribute_certificates");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Takes in an attribute certificate this node granted (and committed).</summary>
    public void Add(HeldAttributes held) => Apply(holders => WithAdded(holders, held), issued: 1, revoked: 0);

    /// <summary>Forgets an attribute certificate this node revoked (and committed).</summary>
    public void Remove(string serial) => Apply(holders => WithRemoved(holders, serial), issued: 0, revoked: 1);

    private void Apply(Func<Dictionary<string, HeldAttributes[]>, Dictionary<string, HeldAttributes[]>> change, int issued, int revoked)
    {
        lock (gate)
        {
            // Copy on write: decisions read the dictionary without the lock.
            byHolder = change(byHolder);
            duringReload?.Add(change);
            // The database moved by this change alone as far as this node knows, so its own
            // grant or revocation does not make the next refresh reload everything.
            if (loadedFingerprint.Issued >= 0)
            {
                loadedFingerprint = (loadedFingerprint.Issued + issued, loadedFingerprint.Revoked + revoked);
            }
        }

        inputs?.Moved();
    }

    private static Dictionary<string, HeldAttributes[]> WithAdded(Dictionary<string, HeldAttributes[]> holders, HeldAttributes held)
    {
        var current = holders.GetValueOrDefault(held.HolderSerial) ?? [];
        if (current.Any(h => h.Serial == held.Serial))
        {
            return holders;
        }

        return new Dictionary<string, HeldAttributes[]>(holders, StringComparer.Ordinal) { [held.HolderSerial] = [.. current, held] };
    }

    private static Dictionary<string, HeldAttributes[]> WithRemoved(Dictionary<string, HeldAttributes[]> holders, string serial)
    {
        var holder = holders.FirstOrDefault(kv => kv.Value.Any(h => h.Serial == serial)).Key;
        if (holder is null)
        {
            return holders;
        }

        var next = new Dictionary<string, HeldAttributes[]>(holders, StringComparer.Ordinal);
        var remaining = next[holder].Where(h => h.Serial != serial).ToArray();
        if (remaining.Length > 0)
        {
            next[holder] = remaining;
        }
        else
        {
            next.Remove(holder);
        }

        return next;
    }

    /// <summary>
    /// The roles of <paramref name="holderSerial"/>'s unrevoked, unexpired attribute certificates,
    /// including those whose validity has not begun yet (another node's clock may run ahead).
    /// </summary>
    public IReadOnlyCollection<string> UnexpiredRoles(string holderSerial)
    {
        if (!Volatile.Read(ref byHolder).TryGetValue(holderSerial, out var all))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return all.Where(h => h.NotAfter > now).SelectMany(h => h.Roles).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="holderSerial"/>'s attribute certificates valid now, none when its own
    /// certificate is not good now.
    /// </summary>
    public IEnumerable<HeldAttributes> CurrentAttributes(string holderSerial)
    {
        if (!Volatile.Read(ref byHolder).TryGetValue(holderSerial, out var all) || !HolderIsGood(holderSerial))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return all.Where(h => h.NotBefore <= now && h.NotAfter > now);
    }

    /// <summary>
    /// The entity the platform knows for <paramref name="principal"/> from its currently valid attribute
    /// certificates, or null when it has none or its own certificate is not good now. The highest clearance of its certificates is its clearance.
    /// </summary>
    public Entity? EntityFor(EntityUid principal)
    {
        var settings = options.Value;
        if (principal.Type != settings.HolderEntityType)
        {
            return null;
        }

        var parents = new HashSet<EntityUid>();
        int? clearance = null;
        foreach (var held in CurrentAttributes(principal.Id))
        {
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

    /// <summary>
    /// The next time after now at which some held attribute certificate begins or ends, so that a
    /// decision taken now may come out otherwise although nothing was changed; null when none will.
    /// Computed once for each set of certificates and each such time passed.
    /// </summary>
    public DateTimeOffset? NextValidityChange()
    {
        var holders = Volatile.Read(ref byHolder);
        var now = time.GetUtcNow();
        if (Volatile.Read(ref horizon) is { } known && ReferenceEquals(known.Of, holders) && known.ComputedAt <= now && (known.Next is null || known.Next > now))
        {
            return known.Next;
        }

        DateTimeOffset? next = null;
        foreach (var held in holders.Values.SelectMany(h => h))
        {
            var change = held.NotBefore > now ? held.NotBefore : held.NotAfter;
            next = change > now && (next is null || change < next) ? change : next;
        }

        Volatile.Write(ref horizon, new ValidityHorizon(holders, now, next));
        return next;
    }

    private sealed record ValidityHorizon(Dictionary<string, HeldAttributes[]> Of, DateTimeOffset ComputedAt, DateTimeOffset? Next);

    private static DateTimeOffset Time(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException("Unexpected time value " + value.GetType()),
    };
}
