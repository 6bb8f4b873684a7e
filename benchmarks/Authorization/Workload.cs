using System.Text.Json.Nodes;

namespace Pmi.Authorization.Benchmarks;

/// <summary>
/// A benchmark workload: policy sets (with an optional schema), entity sets, and requests naming which
/// of each they use. <see cref="WorkloadRequest.Slice"/> is the part of the entities a caller that
/// does not keep them in the decision point sends with the request.
/// </summary>
internal sealed record Workload(string Name, IReadOnlyList<WorkloadPolicySet> PolicySets, IReadOnlyList<JsonArray> EntitySets, IReadOnlyList<WorkloadRequest> Requests)
{
    /// <summary>The form the Node program reads: everything it needs, nothing it must look up.</summary>
    public JsonObject ToJson()
    {
        var requests = new JsonArray();
        foreach (var r in Requests)
        {
            requests.Add(new JsonObject
            {
                ["policySet"] = r.PolicySet,
                ["principal"] = r.Principal.DeepClone(),
                ["action"] = r.Action.DeepClone(),
                ["resource"] = r.Resource.DeepClone(),
                ["context"] = r.Context.DeepClone(),
                ["entities"] = r.Slice.DeepClone(),
            });
        }

        var sets = new JsonArray();
        foreach (var p in PolicySets)
        {
            sets.Add(new JsonObject { ["id"] = p.Id, ["policies"] = p.Policies, ["schema"] = p.Schema });
        }

        return new JsonObject { ["name"] = Name, ["policySets"] = sets, ["requests"] = requests };
    }
}

/// <summary>A policy set of a workload.</summary>
internal sealed record WorkloadPolicySet(string Id, string Policies, string? Schema);

/// <summary>One request of a workload.</summary>
internal sealed record WorkloadRequest(int PolicySet, int EntitySet, JsonObject Principal, JsonObject Action, JsonObject Resource, JsonObject Context, JsonArray Slice);
