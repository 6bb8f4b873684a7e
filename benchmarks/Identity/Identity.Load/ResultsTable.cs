using System.Globalization;

namespace Identity.Load;

/// <summary>
/// The one table of a run, in Markdown: each measure for the platform and for oidc-provider with
/// their ratio, then against the raw signing rate and Keycloak's sizing figure, then the goals.
/// </summary>
internal static class ResultsTable
{
    /// <summary>Client-credentials grants per second per vCPU that Keycloak's sizing guide allows.</summary>
    private const double KeycloakPerVcpu = 120;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(Provider platform, Provider? reference, double? signsPerSecond, int cpus)
    {
        Console.WriteLine("| measure | platform | oidc-provider | platform ÷ oidc-provider |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("client-credentials tokens/s", platform.Tokens, reference?.Tokens, Rate, "F0");
        Row("  per round", platform.Tokens, reference?.Tokens, r => r.Select(p => p.PerSecond.ToString("F0", Invariant)).Aggregate((a, b) => a + " / " + b));
        Row("  latency p50 ms (mean of rounds)", platform.Tokens, reference?.Tokens, r => r.Average(p => p.P50.TotalMilliseconds), "F1");
        Row("  latency p99 ms (mean of rounds)", platform.Tokens, reference?.Tokens, r => r.Average(p => p.P99.TotalMilliseconds), "F1");
        Row("  server CPU ms per token", platform.Tokens, reference?.Tokens, CpuPerOperation, "F2");
        Row("  tokens per server CPU-second", platform.Tokens, reference?.Tokens, r => 1000 / CpuPerOperation(r), "F0");
        Row("introspections/s", platform.Introspections, reference?.Introspections, Rate, "F0");
        Row("  per round", platform.Introspections, reference?.Introspections, r => r.Select(p => p.PerSecond.ToString("F0", Invariant)).Aggregate((a, b) => a + " / " + b));
        Row("  latency p50 ms (mean of rounds)", platform.Introspections, reference?.Introspections, r => r.Average(p => p.P50.TotalMilliseconds), "F1");
        Row("  latency p99 ms (mean of rounds)", platform.Introspections, reference?.Introspections, r => r.Average(p => p.P99.TotalMilliseconds), "F1");
        Row("  server CPU ms per introspection", platform.Introspections, reference?.Introspections, CpuPerOperation, "F2");
        if (signsPerSecond is { } signs)
        {
            Console.WriteLine(string.Create(Invariant, $"| tokens/s ÷ openssl speed -multi {cpus} ecdsap256 ({signs:F0} sign/s) | {Rate(platform.Tokens) / signs:F4} | {Maybe(reference, p => Rate(p.Tokens) / signs, "F4")} | |"));
        }

        Console.WriteLine(string.Create(Invariant, $"| tokens/s per vCPU (÷ {cpus}), Keycloak's sizing: {KeycloakPerVcpu:F0} | {Rate(platform.Tokens) / cpus:F0} | {Maybe(reference, p => Rate(p.Tokens) / cpus, "F0")} | |"));
        Console.WriteLine();
        if (reference is not null)
        {
            Goal("tokens/s at least 5x oidc-provider's", Rate(platform.Tokens) / Rate(reference.Tokens), 5, "F2");
        }

        if (signsPerSecond is { } limit)
        {
            Goal("tokens/s at least 15% of openssl's sign/s", Rate(platform.Tokens) / limit, 0.15, "P1");
        }

        Goal($"tokens/s per vCPU at least Keycloak's {KeycloakPerVcpu:F0}", Rate(platform.Tokens) / cpus, KeycloakPerVcpu, "F0");
    }

    /// <summary>Operations over all rounds divided by their measured time.</summary>
    private static double Rate(IReadOnlyList<PhaseResult> rounds) => rounds.Sum(r => r.Succeeded) / rounds.Sum(r => r.Window.TotalSeconds);

    private static double CpuPerOperation(IReadOnlyList<PhaseResult> rounds) =>
        rounds.Sum(r => r.ServerCpu.TotalMilliseconds) / Math.Max(1, rounds.Sum(r => r.Succeeded));

    private static void Row(string measure, List<PhaseResult> ours, List<PhaseResult>? theirs, Func<List<PhaseResult>, double> value, string format) =>
        Console.WriteLine(string.Create(Invariant,
            $"| {measure} | {value(ours).ToString(format, Invariant)} | {(theirs is null ? "not measured" : value(theirs).ToString(format, Invariant))} | {(theirs is null ? "" : (value(ours) / value(theirs)).ToString("F2", Invariant))} |"));

    private static void Row(string measure, List<PhaseResult> ours, List<PhaseResult>? theirs, Func<List<PhaseResult>, string> value) =>
        Console.WriteLine($"| {measure} | {value(ours)} | {(theirs is null ? "not measured" : value(theirs))} | |");

    private static string Maybe(Provider? reference, Func<Provider, double> value, string format) =>
        reference is null ? "not measured" : value(reference).ToString(format, Invariant);

    private static void Goal(string goal, double value, double target, string format) =>
        Console.WriteLine($"goal {goal}: {value.ToString(format, Invariant)} ({(value >= target ? "met" : "NOT met")})");
}
