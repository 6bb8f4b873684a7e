namespace Pmi.Authorization.Policies;

/// <summary>
/// Groups policies by the action their scope names with <c>==</c>, so a request only scans the
/// policies that can apply to its action plus those with any other action constraint.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Dictionary<Model.EntityUid, Policy[]> _byAction = [];

    public PolicyIndex(IReadOnlyList<Policy> policies)
    {
        var general = new List<Policy>();
        var byAction = new Dictionary<Model.EntityUid, List<Policy>>();
        foreach (var p in policies)
        {
            if (p.Action.Kind == ScopeKind.Eq)
            {
                if (!byAction.TryGetValue(p.Action.Entities[0], out var list))
                {
                    byAction[p.Action.Entities[0]] = list = [];
                }

                list.Add(p);
            }
            else
            {
                general.Add(p);
            }
        }

        General = [.. general];
        foreach (var kv in byAction)
        {
            _byAction[kv.Key] = [.. kv.Value];
        }
    }

    /// <summary>Policies whose action constraint is not a single <c>==</c>.</summary>
    public Policy[] General { get; }

    public Policy[] ForAction(Model.EntityUid action) => _byAction.TryGetValue(action, out var p) ? p : [];
}
