using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Pki.Ca.Acme;

/// <summary>
/// The anti-replay nonces of RFC 8555 §6.5: each one given out is accepted once, within its
/// lifetime, by the node that gave it out. They live in this node's memory, not the database:
/// a nonce is asked for and spent by nearly every request, and RFC 8555 lets a server refuse
/// any nonce with <c>badNonce</c>, which every client answers by retrying with the fresh nonce
/// that refusal carries. So a nonce presented to another node, or after a restart, costs one
/// retry, never a replay. Only the last <see cref="Capacity"/> given out can be spent; an older one is
/// forgotten (its holder retries).
/// </summary>
internal sealed class ReplayNonces(TimeProvider time)
{
    public const int Capacity = 100_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, long> outstanding = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>A fresh nonce: 128 random bits, base64url.</summary>
    public string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var nonce = Jws.Base64Url.Encode(bytes);
        outstanding[nonce] = time.GetUtcNow().Add(Lifetime).ToUnixTimeMilliseconds();
        order.Enqueue(nonce);
        // The queue holds the last Capacity nonces given out, spent or not, so neither it nor the map grows past that.
        while (order.Count > Capacity && order.TryDequeue(out var oldest))
        {
            outstanding.TryRemove(oldest, out _);
        }

        return nonce;
    }

    /// <summary>True, once, for a nonce this node gave out and has not seen back, within its lifetime.</summary>
    public bool TrySpend(string? nonce) =>
        nonce is { Length: > 0 and <= 64 } && outstanding.TryRemove(nonce, out var expires) && expires > time.GetUtcNow().ToUnixTimeMilliseconds();
}
