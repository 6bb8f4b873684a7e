using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Authorization;

namespace Gateway.Decisions;

/// <summary>
/// The gateway's decisions, kept for the same question (<see cref="DecisionKey"/>: every input) while
/// nothing they depend on has changed: an answer is reused only at the decision point's
/// <see cref="IAuthorizationDecisionPoint.InputsVersion"/> it was given at, before its
/// <see cref="AuthorizationDecision.ValidUntil"/> and within <see cref="DecisionCacheOptions.MaxAgeSeconds"/>.
/// The version is read before asking, so a change made while a question is decided leaves that
/// answer stale. When the version moves, every kept answer is dropped. A decision point that cannot
/// tell its version (over HTTP) is asked every time.
/// </summary>
internal sealed class DecisionCache(IAuthorizationDecisionPoint decisions, IOptions<DecisionCacheOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<DecisionKey, Kept> kept = new();
    private readonly Lock dropping = new();
    private long keptVersion = long.MinValue;
    private int count;

    public ValueTask<AuthorizationDecision> DecideAsync(AuthorizationQuestion question, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.MaxAgeSeconds <= 0 || decisions.InputsVersion is not { } version)
        {
            return new ValueTask<AuthorizationDecision>(decisions.DecideAsync(question, cancellationToken));
        }

        if (version != Volatile.Read(ref keptVersion))
        {
            DropAll(version);
        }

        var key = DecisionKey.Of(question);
        var now = time.GetUtcNow().UtcTicks;
        if (kept.TryGetValue(key, out var answer) && answer.Version == version && now < answer.UntilTicks)
        {
            return new ValueTask<AuthorizationDecision>(answer.Decision);
        }

        return AskAsync(question, key, version, now, settings, cancellationToken);
    }

    private async ValueTask<AuthorizationDecision> AskAsync(
        AuthorizationQuestion question, DecisionKey key, long version, long now, DecisionCacheOptions settings, CancellationToken cancellationToken)
    {
        var decision = await decisions.DecideAsync(question, cancellationToken);
        var until = now + TimeSpan.FromSeconds(settings.MaxAgeSeconds).Ticks;
        if (decision.ValidUntil is { } validUntil)
        {
            until = Math.Min(until, validUntil.UtcTicks);
        }

        if (Interlocked.Increment(ref count) > settings.MaxEntries)
        {
            DropAll(version);
        }

        kept[key] = new Kept(decision, version, until);
        return decision;
    }

    private void DropAll(long version)
    {
        lock (dropping)
        {
            kept.Clear();
            Volatile.Write(ref count, 0);
            Volatile.Write(ref keptVersion, version);
        }
    }

    private sealed record Kept(AuthorizationDecision Decision, long Version, long UntilTicks);
}
