using Microsoft.AspNetCore.Http;
using System.Collections.Concurrent;

namespace Identity.Storage.OpenIddict;

/// <summary>
/// What the stores read during one HTTP request, so that the request reads each entity once:
/// OpenIddict's handlers look the client up again at each step (eleven times for one token
/// request, four for an introspection). It lives only as long as the request, so another
/// request, or another node, sees every change at once; and any write through the stores forgets
/// the request's reads. Outside a request (commands, background work) nothing is kept.
/// </summary>
internal sealed class RequestMemo(IHttpContextAccessor accessor)
{
    private static readonly object ItemKey = new();

    /// <summary>The entity read earlier in this request under <paramref name="key"/> (also "none"), else what <paramref name="read"/> finds.</summary>
    public async ValueTask<T?> GetOrReadAsync<T>(string key, Func<ValueTask<T?>> read)
        where T : class
    {
        if (Reads(create: true) is not { } reads)
        {
            return await read();
        }

        if (reads.TryGetValue(key, out var known))
        {
            return (T?)known;
        }

        var entity = await read();
        reads[key] = entity;
        return entity;
    }

    /// <summary>Called before every write, so that what the request reads next comes from the database.</summary>
    public void Forget() => Reads(create: false)?.Clear();

    private ConcurrentDictionary<string, object?>? Reads(bool create)
    {
        if (accessor.HttpContext is not { } context)
        {
            return null;
        }

        if (context.Items.TryGetValue(ItemKey, out var reads))
        {
            return (ConcurrentDictionary<string, object?>?)reads;
        }

        if (!create)
        {
            return null;
        }

        var created = new ConcurrentDictionary<string, object?>(StringComparer.Ordinal);
        context.Items[ItemKey] = created;
        return created;
    }
}
