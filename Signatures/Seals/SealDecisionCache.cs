using Platform.Authorization;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Signatures.Seals;

/// <summary>
/// Reuses the decision point's answer to "may this caller seal with this department's seal?" while
/// nothing a decision depends on has moved (<see cref="IAuthorizationDecisionPoint.InputsVersion"/>:
/// policies, schema, attribute certificates, delegations, revocations) and its
/// <see cref="AuthorizationDecision.ValidUntil"/> has not passed, so a busy seal user costs one policy
/// evaluation, not one per document. The key is every input of the question: the department and the
/// caller, and for a caller by access token the token itself, whose claims the decision reads.
/// A decision point that cannot tell its version (one over HTTP) is asked every time; refusals to
/// decide (unavailable, malformed) are never kept.
/// </summary>
internal sealed class SealDecisionCache(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The decision on <paramref name="question"/>, asked of <paramref name="decisions"/> unless a current one is kept.</summary>
    public async Task<AuthorizationDecision> DecideAsync(
        IAuthorizationDecisionPoint decisions, CallerPrincipal caller, AuthorizationQuestion question, CancellationToken cancellationToken)
    {
        // Read before asking: a change during the evaluation moves it, and the answer is then kept under the old value only.
        var version = decisions.InputsVersion;
        var key = Key(caller, question.ResourceId);
        if (version is { } current && entries.TryGetValue(key, out var kept) && kept.Version == current
            && (kept.Decision.ValidUntil is not { } until || time.GetUtcNow() < until))
        {
            return kept.Decision;
        }

        var decision = await decisions.DecideAsync(question, cancellationToken);
        if (version is { } asked && decision.RefusalCode is null)
        {
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }

            entries[key] = new Entry(asked, decision);
        }

        return decision;
    }

    private static string Key(CallerPrincipal caller, string department) => caller.Principal is AccessTokenPrincipal token
        ? $"{department}\n{caller.Key}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Token)))}"
        : $"{department}\n{caller.Key}";

    private sealed record Entry(long Version, AuthorizationDecision Decision);
}
