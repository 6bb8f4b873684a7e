using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identity.Signing;

/// <summary>
/// The token-signing keys, oldest first by activation: the last one activated signs, the ones
/// not yet active are published ahead, and each replaced one stays published for the retention
/// after its successor took over. Stored as JSON in the identity settings.
/// </summary>
internal sealed class SigningKeyRing
{
    /// <summary>The setting holding the ring.</summary>
    public const string Setting = "signing-key-ring";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public SigningKeyRing(IEnumerable<SigningKeyEntry> keys) => Keys = [.. keys.OrderBy(k => k.Activates)];

    /// <summary>The keys, by activation time.</summary>
    public IReadOnlyList<SigningKeyEntry> Keys { get; }

    /// <summary>An empty ring (no start yet).</summary>
    public static SigningKeyRing Empty { get; } = new([]);

    /// <summary>The ring with one more key.</summary>
    public SigningKeyRing With(SigningKeyEntry key) => new([.. Keys, key]);

    /// <summary>
    /// The key that signs at <paramref name="now"/>: the last one activated, or the first key when
    /// none has by this node's clock (a node whose clock runs behind the one that made it).
    /// </summary>
    public SigningKeyEntry? Current(DateTimeOffset now) => Keys.LastOrDefault(k => k.Activates <= now) ?? Keys.FirstOrDefault();

    /// <summary>The key published ahead of its activation, if any.</summary>
    public SigningKeyEntry? Pending(DateTimeOffset now) => Keys.Skip(1).FirstOrDefault(k => k.Activates > now);

    /// <summary>Where <paramref name="key"/> stands at <paramref name="now"/>.</summary>
    public SigningKeyStatus StatusOf(SigningKeyEntry key, DateTimeOffset now, TimeSpan retention)
    {
        // The first key signs from the start, whatever the clock of the node reading the ring.
        if (key.Activates > now && key != Keys[0])
        {
            return SigningKeyStatus.Next;
        }

        var successor = Successor(key);
        return successor is null || successor.Activates > now ? SigningKeyStatus.Current
            : successor.Activates + retention > now ? SigningKeyStatus.Retired
            : SigningKeyStatus.Dropped;
    }

    /// <summary>
    /// The keys to publish at <paramref name="now"/>, the signing one first (OpenIddict signs with
    /// the first credential), then the next, then the retired ones, newest first.
    /// </summary>
    public IReadOnlyList<SigningKeyEntry> Published(DateTimeOffset now, TimeSpan retention) =>
    [
        .. Keys.Where(k => StatusOf(k, now, retention) == SigningKeyStatus.Current),
        .. Keys.Where(k => StatusOf(k, now, retention) == SigningKeyStatus.Next),
        .. Keys.Where(k => StatusOf(k, now, retention) == SigningKeyStatus.Retired).Reverse(),
    ];

    /// <summary>The next time after <paramref name="now"/> the published set or the signer changes, or null when none is due.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now, TimeSpan retention)
    {
        var times = Keys.Select(k => k.Activates)
            .Concat(Keys.Select(Successor).Where(s => s is not null).Select(s => s!.Activates + retention))
            .Where(t => t > now);
        return times.Any() ? times.Min() : null;
    }

    /// <summary>The ring as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(Keys, Json);

    /// <summary>Reads a stored ring; throws <see cref="InvalidOperationException"/> naming the setting when it is not one.</summary>
    public static SigningKeyRing FromJson(string json)
    {
        try
        {
            return new SigningKeyRing(JsonSerializer.Deserialize<List<SigningKeyEntry>>(json, Json) ?? []);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The identity setting {Setting} is not a key ring.", e);
        }
    }

    private SigningKeyEntry? Successor(SigningKeyEntry key)
    {
        var index = Keys.ToList().IndexOf(key);
        return index >= 0 && index + 1 < Keys.Count ? Keys[index + 1] : null;
    }
}
