using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Acme.Load;

/// <summary>
/// HTTPS to one ACME server, shared by every account and worker: a connection pool trusting
/// only the given CA bundle, and a pool of nonces. Every answer's Replay-Nonce goes back into
/// the pool, so a fresh one is fetched (HEAD newNonce) only when the pool is empty (§7.2).
/// </summary>
internal sealed class AcmeTransport : IDisposable
{
    private const int BadNonceRetries = 5;
    private static readonly MediaTypeHeaderValue JoseJson = new("application/jose+json");
    private readonly HttpClient client;
    private readonly ConcurrentQueue<string> nonces = new();
    private long badNonces;

    public AcmeTransport(string? caBundle)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 };
        if (caBundle is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caBundle);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            };
            foreach (var root in roots)
            {
                handler.SslOptions.CertificateChainPolicy.CustomTrustStore.Add(root);
            }
        }

        client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("SecurityPlatform-Acme.Load/1.0");
    }

    public AcmeDirectory Directory { get; private set; } = null!;

    /// <summary>Nonces the server refused (badNonce) and that were retried with a fresh one.</summary>
    public long BadNonces => Interlocked.Read(ref badNonces);

    public async Task LoadDirectoryAsync(Uri directoryUrl)
    {
        using var response = await client.GetAsync(directoryUrl);
        response.EnsureSuccessStatusCode();
        Directory = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(), AcmeJsonContext.Default.AcmeDirectory)
            ?? throw new InvalidOperationException("The directory is empty.");
    }

    /// <summary>
    /// A JWS POST to <paramref name="url"/> (POST-as-GET when <paramref name="payload"/> is null),
    /// signed again with a fresh nonce when the server answers badNonce.
    /// </summary>
    public async Task<AcmeResponse> PostAsync(AccountKey key, string? kid, string url, byte[]? payload, string? accept = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var body = Jws.Sign(key, kid, await NonceAsync(), url, payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = JoseJson;
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await client.SendAsync(request);
            Keep(response);
            var answer = new AcmeResponse(response.StatusCode, response.Headers.Location?.ToString(), RetryAfter(response), await response.Content.ReadAsByteArrayAsync());
            if (answer.IsSuccess)
            {
                return answer;
            }

            var problem = answer.Problem();
            if (problem?.Type == "urn:ietf:params:acme:error:badNonce" && attempt < BadNonceRetries)
            {
                Interlocked.Increment(ref badNonces);
                continue;
            }

            throw new AcmeFailure(problem?.Type ?? $"HTTP {(int)answer.Status}", $"POST {url}: {(int)answer.Status} {problem?.Detail}");
        }
    }

    /// <summary>A POST whose successful answer is the JSON object <typeparamref name="T"/>.</summary>
    public async Task<(T Value, AcmeResponse Response)> PostAsync<T>(AccountKey key, string? kid, string url, byte[]? payload, JsonTypeInfo<T> type)
    {
        var response = await PostAsync(key, kid, url, payload);
        return (JsonSerializer.Deserialize(response.Body, type) ?? throw new AcmeFailure("malformed answer", $"POST {url}: empty body"), response);
    }

    public void Dispose() => client.Dispose();

    private async Task<string> NonceAsync()
    {
        if (nonces.TryDequeue(out var nonce))
        {
            return nonce;
        }

        using var request = new HttpRequestMessage(HttpMethod.Head, Directory.NewNonce);
        using var response = await client.SendAsync(request);
        return response.Headers.TryGetValues("Replay-Nonce", out var values)
            ? values.First()
            : throw new AcmeFailure("no nonce", $"HEAD {Directory.NewNonce}: {(int)response.StatusCode} without Replay-Nonce");
    }

    private void Keep(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Replay-Nonce", out var values))
        {
            nonces.Enqueue(values.First());
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
