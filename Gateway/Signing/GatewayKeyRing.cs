using System.Text.Json;

namespace Gateway.Signing;

/// <summary>One of the gateway's signing keys: the key store's id, its certificate's serial and end, and when it starts to sign.</summary>
internal sealed record GatewaySigningKey(string KeyId, string SerialNumber, DateTimeOffset NotAfter, DateTimeOffset Activates);

/// <summary>Where a key of the ring stands at a given time, in the order the key set lists them.</summary>
internal enum GatewayKeyStatus
{
    /// <summary>Signs.</summary>
    Current,

    /// <summary>Published ahead, not signing yet.</summary>
    Next,

    /// <summary>Replaced, still published while signatures it made may be checked.</summary>
    Retired,

    /// <summary>Replaced long enough ago that no signature of it is valid any more: not published.</summary>
    Dropped,
}

/// <summary>
/// The gateway's signing keys, by activation time: the last one activated signs; one not yet
/// active is published ahead so that upstreams caching the key set know it before it signs; a
/// replaced one stays published for <see cref="Retention"/>, longer than any signature it made
/// stays valid. Stored as JSON in the gateway's settings, shared by every node.
/// </summary>
internal sealed class GatewayKeyRing
{
    /// <summary>The setting holding the ring.</summary>
    public const string Setting = "gateway-signing-ring";

    /// <summary>
    /// How long a replaced key stays published: a signature's lifetime (60 s) and the clock skew
    /// upstreams allow (30 s), with room to spare.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public GatewayKeyRing(IEnumerable<GatewaySigningKey> keys) => Keys = [.. keys.OrderBy(k => k.Activates)];

    /// <summary>The keys, by activation time.</summary>
    public IReadOnlyList<GatewaySigningKey> Keys { get; }

    /// <summary>No key yet (before the first start).</summary>
    public static GatewayKeyRing Empty { get; } = new([]);

    /// <summary>The ring with one more key.</summary>
    public GatewayKeyRing With(GatewaySigningKey key) => new([.. Keys, key]);

    /// <summary>The key that signs at <paramref name="now"/>: the last one activated, or the first when none has by this node's clock.</summary>
    public GatewaySigningKey? Current(DateTimeOffset now) => Keys.LastOrDefault(k => k.Activates <= now) ?? Keys.FirstOrDefault();

    /// <summary>The key published ahead of its activation, if any.</summary>
    public GatewaySigningKey? Next(DateTimeOffset now) => Keys.FirstOrDefault(k => StatusOf(k, now) == GatewayKeyStatus.Next);

    /// <summary>Where <paramref name="key"/> stands at <paramref name="now"/>.</summary>
    public GatewayKeyStatus StatusOf(GatewaySigningKey key, DateTimeOffset now)
    {
        var current = Current(now);
        if (key == current)
        {
            return GatewayKeyStatus.Current;
        }

        if (key.Activates > now)
        {
            return GatewayKeyStatus.Next;
        }

        var successor = Keys.SkipWhile(k => k != key).Skip(1).First();
        return successor.Activates + Retention > now ? GatewayKeyStatus.Retired : GatewayKeyStatus.Dropped;
    }

    /// <summary>The keys to publish at <paramref name="now"/>: the current one, the next, the retired ones.</summary>
    public IReadOnlyList<GatewaySigningKey> Published(DateTimeOffset now) =>
        [.. Keys.Where(k => StatusOf(k, now) != GatewayKeyStatus.Dropped).OrderBy(k => StatusOf(k, now))
            .ThenByDescending(k => k.Activates)];

    /// <summary>The next time after <paramref name="now"/> at which the signer or the published set changes, if any.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        var times = Keys.Select(k => k.Activates).Concat(Keys.Skip(1).Select(k => k.Activates + Retention)).Where(t => t > now).ToList();
        return times.Count > 0 ? times.Min() : null;
    }

    /// <summary>The ring as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(Keys, Json);

    /// <summary>Reads a stored ring; throws <see cref="InvalidOperationException"/> naming the setting when it is not one.</summary>
    public static GatewayKeyRing FromJson(string json)
    {
        try
        {
            return new(JsonSerializer.Deserialize<GatewaySigningKey[]>(json, Json) ?? throw new JsonException("null"));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The gateway setting {Setting} does not hold a key ring.", e);
        }
    }
}
