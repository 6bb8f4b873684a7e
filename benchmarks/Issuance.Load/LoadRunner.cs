using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Issuance.Load;

/// <summary>
/// Closed-loop load: every worker sends its next request as soon as the previous one answers.
/// Requests that start during the warm-up are not measured; no request starts after the window
/// closes or once <see cref="LoadOptions.MaxRequests"/> have started in it. With
/// <paramref name="secrets"/> every request is an EST <c>simpleenroll</c> spending the next
/// one-time secret, and no request starts once they are all spent.
/// </summary>
internal sealed class LoadRunner(LoadOptions options, CsrPool csrs, Func<HttpClient> createClient, EstSecrets? secrets = null)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Pkcs10 = new("application/pkcs10");
    private readonly ConcurrentDictionary<string, long> failures = new(StringComparer.Ordinal);
    private long next = -1;
    private long started;
    private long issued;
    private long failed;
    private long lastCompletion;
    private string? firstFailure;

    /// <summary>One request outside the measurement, so a broken set-up fails loudly before the clock starts.</summary>
    private async Task PreflightAsync(HttpClient client)
    {
        var (ok, failure) = await SendAsync(client, Interlocked.Increment(ref next));
        if (!ok)
        {
            throw new InvalidOperationException($"The pre-flight request failed: {failure!.Value.Kind} {failure.Value.Detail}");
        }
    }

    public async Task<LoadResult> RunAsync(Action onMeasurementStart)
    {
        var perConnection = options.Http2 ? options.Streams : 1;
        var clients = Enumerable.Range(0, options.Connections).Select(_ => createClient()).ToArray();
        try
        {
            // Open every connection (TLS handshake, client-certificate validation) before the warm-up.
            await Task.WhenAll(clients.Select(PreflightAsync));

            var begin = Stopwatch.GetTimestamp();
            var measureStart = begin + LoadClock.ToTicks(options.Warmup);
            var measureEnd = measureStart + LoadClock.ToTicks(options.Duration);
            var histograms = new LatencyHistogram[clients.Length * perConnection];
            var workers = new Task[histograms.Length];
            using var measuring = new Timer(_ => onMeasurementStart(), null, options.Warmup, Timeout.InfiniteTimeSpan);
            for (var i = 0; i < workers.Length; i++)
            {
                histograms[i] = new LatencyHistogram();
                var client = clients[i / perConnection];
                var histogram = histograms[i];
                workers[i] = Task.Run(() => WorkAsync(client, histogram, measureStart, measureEnd));
            }

            await Task.WhenAll(workers);
            var windowEnd = Math.Min(measureEnd, Interlocked.Read(ref lastCompletion));
            var window = TimeSpan.FromSeconds((double)Math.Max(1, windowEnd - measureStart) / Stopwatch.Frequency);
            var (p50, p99, max) = LatencyHistogram.Percentiles(histograms);
            return new LoadResult(issued, failed, window, p50, p99, max, failures, firstFailure);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task WorkAsync(HttpClient client, LatencyHistogram histogram, long measureStart, long measureEnd)
    {
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= measureEnd)
            {
                return;
            }

            var measured = now >= measureStart;
            if (measured && Interlocked.Increment(ref started) > options.MaxRequests)
            {
                return;
            }

            var index = Interlocked.Increment(ref next);
            if (secrets is not null && index >= secrets.Count)
            {
                return;
            }

            var (ok, failure) = await SendAsync(client, index);
            var end = Stopwatch.GetTimestamp();
            if (!measured || end > measureEnd)
            {
                continue;
            }

            LoadClock.InterlockedMax(ref lastCompletion, end);
            if (ok)
            {
                Interlocked.Increment(ref issued);
                histogram.Add(end - now);
            }
            else
            {
                Interlocked.Increment(ref failed);
                failures.AddOrUpdate(failure!.Value.Kind, 1, (_, n) => n + 1);
                Interlocked.CompareExchange(ref firstFailure, failure.Value.Detail, null);
            }
        }
    }

    private async Task<(bool Ok, (string Kind, string Detail)? Failure)> SendAsync(HttpClient client, long index)
    {
        try
        {
            using var response = options.GetPath is { } path ? await client.GetAsync(path)
                : secrets is not null ? await client.SendAsync(EstEnrollment(csrs[index], secrets[index]))
                : await client.PostAsync("/pki/certificates", Content(csrs[index], Json));
            var expected = options.GetPath is null && secrets is null ? HttpStatusCode.Created : HttpStatusCode.OK;
            if (response.StatusCode == expected)
            {
                // Read the whole answer: the connection is reused only once the body is consumed.
                await response.Content.LoadIntoBufferAsync();
                return (true, null);
            }

            var text = await response.Content.ReadAsStringAsync();
            return (false, ($"HTTP {(int)response.StatusCode}", text.Length > 300 ? text[..300] : text));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, (e.GetType().Name, e.Message));
        }
    }

    private static ByteArrayContent Content(byte[] body, MediaTypeHeaderValue type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = type;
        return content;
    }

    /// <summary>RFC 7030 §4.2.1: the base64 DER CSR, authenticated with a one-time secret (HTTP Basic).</summary>
    private static HttpRequestMessage EstEnrollment(byte[] body, string credentials) => new(HttpMethod.Post, "/.well-known/est/simpleenroll")
    {
        Content = Content(body, Pkcs10),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", credentials) },
    };
}
