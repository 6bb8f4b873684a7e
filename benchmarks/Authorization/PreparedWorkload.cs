using System.Text.Json;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Benchmarks;

/// <summary>
/// A workload parsed for our engine: policy sets, schemas and entity sets loaded once (the decision
/// point's steady state), requests built once; and the same requests as JSON with their entity slices,
/// for deciding the way a caller that sends everything would be served.
/// </summary>
internal sealed class PreparedWorkload
{
    public PreparedWorkload(Workload workload)
    {
        Workload = workload;
        Schemas = [.. workload.PolicySets.Select(p => p.Schema is null ? null : CedarSchema.Parse(p.Schema).Value ?? throw new InvalidOperationException("schema of " + p.Id))];
        PolicySets = [.. workload.PolicySets.Select(p => PolicySet.Parse(p.Policies).Value ?? throw new InvalidOperationException("policies of " + p.Id))];
        var entities = new Dictionary<(int, int), Entities>();
        Requests = new AuthorizationRequest[workload.Requests.Count];
        RequestEntities = new Entities[workload.Requests.Count];
        RequestPolicies = new PolicySet[workload.Requests.Count];
        RequestJson = new string[workload.Requests.Count];
        for (var i = 0; i < workload.Requests.Count; i++)
        {
            var r = workload.Requests[i];
            var schema = Schemas[r.PolicySet];
            if (!entities.TryGetValue((r.EntitySet, r.PolicySet), out var set))
            {
                set = Entities.FromJson(workload.EntitySets[r.EntitySet].ToJsonString(), schema).Value ?? throw new InvalidOperationException("entities");
                entities[(r.EntitySet, r.PolicySet)] = set;
            }

            using var context = JsonDocument.Parse(r.Context.ToJsonString());
            Requests[i] = AuthorizationRequest.CreateFromElement(
                JsonValueReader.ReadUid(Element(r.Principal)), JsonValueReader.ReadUid(Element(r.Action)), JsonValueReader.ReadUid(Element(r.Resource)),
                context.RootElement, schema, validate: false).Value ?? throw new InvalidOperationException("request " + i);
            RequestEntities[i] = set;
            RequestPolicies[i] = PolicySets[r.PolicySet];
            RequestJson[i] = new System.Text.Json.Nodes.JsonObject
            {
                ["principal"] = r.Principal.DeepClone(), ["action"] = r.Action.DeepClone(), ["resource"] = r.Resource.DeepClone(),
                ["context"] = r.Context.DeepClone(), ["entities"] = r.Slice.DeepClone(),
            }.ToJsonString();
        }
    }

    public Workload Workload { get; }

    public CedarSchema?[] Schemas { get; }

    public PolicySet[] PolicySets { get; }

    public AuthorizationRequest[] Requests { get; }

    public Entities[] RequestEntities { get; }

    public PolicySet[] RequestPolicies { get; }

    /// <summary>Each request as Cedar JSON with its entity slice.</summary>
    public string[] RequestJson { get; }

    public int Count => Requests.Length;

    /// <summary>Decides request <paramref name="i"/> against the preloaded policies and entities.</summary>
    public Decision Decide(int i) => Authorizer.IsAuthorized(Requests[i], RequestPolicies[i], RequestEntities[i]).Decision;

    /// <summary>Reads request <paramref name="i"/> and its entity slice from JSON, then decides it.</summary>
    public Decision DecideFromJson(int i)
    {
        var schema = Schemas[Workload.Requests[i].PolicySet];
        using var document = JsonDocument.Parse(RequestJson[i]);
        var root = document.RootElement;
        var entities = EntityJsonReader.Read(root.GetProperty("entities"), schema);
        var request = AuthorizationRequest.CreateFromElement(
            JsonValueReader.ReadUid(root.GetProperty("principal")), JsonValueReader.ReadUid(root.GetProperty("action")),
            JsonValueReader.ReadUid(root.GetProperty("resource")), root.GetProperty("context"), schema, validate: false).Value!;
        return Authorizer.IsAuthorized(request, RequestPolicies[i], entities).Decision;
    }

    private static JsonElement Element(System.Text.Json.Nodes.JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
