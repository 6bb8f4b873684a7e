using System.Globalization;

namespace Identity.Load;

/// <summary>The measured phases: each provider's token endpoint, then its introspection endpoint, round after round.</summary>
internal static class Phases
{
    public static async Task RunAsync(BenchOptions options, IReadOnlyList<Provider> providers)
    {
        foreach (var provider in providers)
        {
            var warmup = options with { Warmup = options.ServerWarmup / 2, PhaseDuration = TimeSpan.FromSeconds(0.1) };
            await RunAsync(warmup, provider, "tokens", 0, provider.Calls.TokenAsync);
            await RunAsync(warmup, provider, "introspections", 0, client => provider.Calls.IntrospectAsync(client, provider.IntrospectionToken));
        }

        for (var round = 1; round <= options.Rounds; round++)
        {
            // Odd rounds start with the platform, even ones with the reference, so a drift of the
            // shared machine within a round does not always favour the same side.
            var order = round % 2 == 1 ? providers : providers.Reverse().ToArray();
            foreach (var provider in order)
            {
                provider.Tokens.Add(await RunAsync(options, provider, "tokens", round, provider.Calls.TokenAsync));
            }

            foreach (var provider in order)
            {
                provider.Introspections.Add(await RunAsync(options, provider, "introspections", round,
                    client => provider.Calls.IntrospectAsync(client, provider.IntrospectionToken)));
            }
        }
    }

    /// <summary>An access token from <paramref name="provider"/> for its introspection phases (the platform's are JWTs it introspects).</summary>
    public static async Task<string> FirstTokenAsync(Provider provider)
    {
        using var client = provider.Clients.Create();
        var (token, failure) = await provider.Calls.RequestTokenAsync(client);
        return token ?? throw new InvalidOperationException($"{provider.Name} issued no token: {failure}");
    }

    private static async Task<PhaseResult> RunAsync(BenchOptions options, Provider provider, string what, int round, Func<HttpClient, Task<string?>> send)
    {
        var clients = provider.Clients.Create(options.Connections);
        try
        {
            // Every connection opened (TLS handshake with the client certificate) and used once before the clock starts.
            var preflight = await Task.WhenAll(clients.Select(send));
            if (preflight.FirstOrDefault(f => f is not null) is { } failure)
            {
                throw new InvalidOperationException($"{provider.Name}: the first {what} request failed: {failure}");
            }

            var result = await ClosedLoop.RunAsync(clients, send, options.Warmup, options.PhaseDuration, provider.ProcessorTime);
            if (round == 0)
            {
                // The warm-up before the first round: nothing to report unless it failed.
                return result.Failed == 0 ? result : throw new InvalidOperationException($"{provider.Name}: {what} failed in the warm-up: {result.FirstFailure}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}  {provider.Name,-13} {what,-15} {result.PerSecond,8:F0}/s  p50 {result.P50.TotalMilliseconds,6:F1} ms  p99 {result.P99.TotalMilliseconds,6:F1} ms  " +
                $"server {result.ServerCpu.TotalMilliseconds / Math.Max(1, result.Succeeded):F2} ms CPU each ({result.ServerCpu.TotalSeconds / result.Window.TotalSeconds:F2} cores), " +
                $"load generator {result.ClientCpu.TotalSeconds / result.Window.TotalSeconds:F2} cores, {result.Failed} failed"));
            if (result.FirstFailure is not null)
            {
                Console.WriteLine($"        first failure: {result.FirstFailure}");
            }

            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
