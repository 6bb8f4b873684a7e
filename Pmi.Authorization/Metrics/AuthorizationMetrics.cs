using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pmi.Authorization.Metrics;

/// <summary>
/// The decision point's instruments, meter <c>SecurityPlatform.Authorization</c>: decisions by
/// outcome (<c>allow</c>, <c>deny</c>, <c>error</c>: a request the decision point could not read,
/// refused and so denied), how long deciding took, and the policies that raised an evaluation
/// error (which Cedar skips, a forbid among them denying).
/// </summary>
public sealed class AuthorizationMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Authorization";

    // Most decisions take microseconds; a large entity set or an exhausted budget, milliseconds.
    private static readonly double[] DecisionBuckets = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

    private static readonly KeyValuePair<string, object?> Allow = new("outcome", "allow");
    private static readonly KeyValuePair<string, object?> Deny = new("outcome", "deny");
    private static readonly KeyValuePair<string, object?> Error = new("outcome", "error");

    private readonly Counter<long> decisions;
    private readonly Histogram<double> duration;
    private readonly Counter<long> policyErrors;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public AuthorizationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        decisions = meter.CreateCounter<long>("securityplatform.authorization.decisions", "{decision}",
            "Authorization decisions, by outcome (allow, deny, error: the request could not be read and was refused).");
        duration = meter.CreateHistogram("securityplatform.authorization.decision.duration", "s",
            "Time to read a request and evaluate the policies, by outcome.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DecisionBuckets });
        policyErrors = meter.CreateCounter<long>("securityplatform.authorization.policy.errors", "{error}",
            "Policies that raised an evaluation error during a decision (skipped; a forbid that errs denies).");
    }

    /// <summary>Records one decision started at <paramref name="startedAt"/> (a Stopwatch timestamp).</summary>
    /// <param name="allowed">The outcome; null when the request was refused unread.</param>
    /// <param name="errors">How many policies raised an evaluation error.</param>
    /// <param name="startedAt">When deciding began.</param>
    internal void Decided(bool? allowed, int errors, long startedAt)
    {
        var outcome = allowed switch { true => Allow, false => Deny, null => Error };
        duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, outcome);
        decisions.Add(1, outcome);
        if (errors > 0)
        {
            policyErrors.Add(errors);
        }
    }
}
