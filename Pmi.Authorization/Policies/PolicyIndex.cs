using Pmi.Authorization.Model;

namespace Pmi.Authorization.Policies;

/// <summary>
/// Buckets policies by the most selective entity their scope names, so that a request only visits
/// policies that can apply to it. Each policy lives in exactly one bucket: keyed by its principal
/// entity (<c>==</c> or <c>in</c>), else its resource entity, else its single action, else general.
/// A request looks up its principal and resource together with their ancestors.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Dictionary<EntityUid, Policy[]> _byPrincipal;
    private readonly Dictionary<EntityUid, Policy[]> _byResource;
    private readonly Dictionary<EntityUid, Policy[]> _byAction;
    private readonly Policy[] _general;

    public PolicyIndex(IReadOnlyList<Policy> policies)
    {
        var byPrincipal = new Dictionary<EntityUid, List<Policy>>();
        var byResource = new Dictionary<EntityUid, List<Policy>>();
        var byAction = new Dictionary<EntityUid, List<Policy>>();
        var general = new List<Policy>();
        foreach (var p in policies)
        {
            if (p.Principal.Entity is { } pe)
            {
                Add(byPrincipal, pe, p);
            }
            else if (p.Resource.Entity is { } re)
            {
                Add(byResource, re, p);
            }
            else if (p.Action.Kind == ScopeKind.Eq)
            {
                Add(byAction, p.Action.Entities[0], p);
            }
            else
            {
                general.Add(p);
            }
        }

        _byPrincipal = Freeze(byPrincipal);
        _byResource = Freeze(byResource);
        _byAction = Freeze(byAction);
        _general = [.. general];
    }

    /// <summary>Calls <paramref name="visit"/> for every policy that might apply to the request.</summary>
    public void ForEachCandidate<TState>(EntityUid principal, EntityUid action, EntityUid resource, Entities entities, ref TState state, CandidateVisitor<TState> visit)
    {
        VisitWithAncestors(_byPrincipal, principal, entities, ref state, visit);
        VisitWithAncestors(_byResource, resource, entities, ref state, visit);
        if (_byAction.TryGetValue(action, out var forAction))
        {
            Visit(forAction, ref state, visit);
        }

        Visit(_general, ref state, visit);
    }

    private static void VisitWithAncestors<TState>(Dictionary<EntityUid, Policy[]> index, EntityUid uid, Entities entities, ref TState state, CandidateVisitor<TState> visit)
    {
        if (index.Count == 0)
        {
            return;
        }

        if (index.TryGetValue(uid, out var direct))
        {
            Visit(direct, ref state, visit);
        }

        if (entities.Map.TryGetValue(uid, out var entity))
        {
            foreach (var ancestor in entity.Ancestors)
            {
                if (index.TryGetValue(ancestor, out var viaAncestor))
                {
                    Visit(viaAncestor, ref state, visit);
                }
            }
        }
    }

    private static void Visit<TState>(Policy[] policies, ref TState state, CandidateVisitor<TState> visit)
    {
        foreach (var p in policies)
        {
            visit(p, ref state);
        }
    }

    private static void Add(Dictionary<EntityUid, List<Policy>> index, EntityUid key, Policy p)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(p);
    }

    private static Dictionary<EntityUid, Policy[]> Freeze(Dictionary<EntityUid, List<Policy>> index)
    {
        var result = new Dictionary<EntityUid, Policy[]>(index.Count);
        foreach (var kv in index)
        {
            result[kv.Key] = [.. kv.Value];
        }

        return result;
    }
}
