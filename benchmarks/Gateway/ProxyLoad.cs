using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Benchmarks;

/// <summary>
/// <c>load</c>: a closed-loop HTTP load for the one case wrk cannot drive, a client certificate on
/// every connection. Each of <c>--connections</c> loops sends <c>GET &lt;url&gt;</c> on its own
/// keep-alive connection for <c>--seconds</c>; prints one line of JSON (requests, requests per
/// second, p50 and p99 in milliseconds, errors). benchmarks/Gateway/run.sh points it at nginx as
/// well, so that both sides of that ratio are measured with the same tool.
/// </summary>
internal static class ProxyLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (Option("--url") is not { } url)
        {
            Console.Error.WriteLine("usage: load --url URL [--seconds 10] [--connections 16] [--cert PEM --key PEM] [--ca PEM]");
            return 2;
        }

        var seconds = double.Parse(Option("--seconds") ?? "10", CultureInfo.InvariantCulture);
        var connections = int.Parse(Option("--connections") ?? "16", CultureInfo.InvariantCulture);
        using var clientCertificate = Option("--cert") is { } cert ? X509Certificate2.CreateFromPemFile(cert, Option("--key")) : null;
        var roots = new X509Certificate2Collection();
        if (Option("--ca") is { } ca)
        {
            roots.ImportFromPemFile(ca);
        }

        // TLS set-up blocks threads (chain building, the certificate store's first load): with a thread
        // for each connection, a burst of handshakes does not wait for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, connections + 4), completions);
        var clients = Enumerable.Range(0, connections).Select(_ => Client(clientCertificate, roots)).ToList();
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var loops = clients.Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>(100_000);
            var errors = 0;
            while (stop.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    errors += response.IsSuccessStatusCode ? 0 : 1;
                }
                catch (HttpRequestException)
                {
                    errors++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (latencies, errors);
        })).ToList();
        var results = await Task.WhenAll(loops);
        var elapsed = stop.Elapsed.TotalSeconds;
        clients.ForEach(c => c.Dispose());
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"requests\":{all.Length},\"rps\":{all.Length / elapsed:F1},\"p50Ms\":{Percentile(0.50):F3},\"p99Ms\":{Percentile(0.99):F3},\"errors\":{results.Sum(r => r.errors)}}}"));
        return 0;
    }

    private static HttpClient Client(X509Certificate2? certificate, X509Certificate2Collection roots)
    {
        var tls = new SslClientAuthenticationOptions
        {
            // The certificate alone, offline: by default SslStream would look for its issuer
            // (AIA, a blocking download) on every new connection, which starves this program's
            // thread pool when many connect at once.
            ClientCertificateContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
        };
        if (roots.Count > 0)
        {
            tls.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            tls.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, SslOptions = tls });
    }
}
