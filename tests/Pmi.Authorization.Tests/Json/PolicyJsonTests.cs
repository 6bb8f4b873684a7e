using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Tests.Json;

public sealed class PolicyJsonTests
{
    private const string PolicySetJson = """
        {
          "staticPolicies": {
            "adults": {
              "effect": "permit",
              "principal": {"op": "is", "entity_type": "User", "in": {"entity": {"type": "Group", "id": "staff"}}},
              "action": {"op": "in", "entities": [{"type": "Action", "id": "view"}]},
              "resource": {"op": "All"},
              "conditions": [
                {"kind": "when", "body": {"&&": {
                  "left": {">=": {"left": {".": {"left": {"Var": "principal"}, "attr": "age"}}, "right": {"Value": 18}}},
                  "right": {"isInRange": [{"ip": [{"Value": "10.1.2.3"}]}, {"ip": [{"Value": "10.0.0.0/8"}]}]}}}},
                {"kind": "unless", "body": {"like": {"left": {".": {"left": {"Var": "resource"}, "attr": "name"}}, "pattern": [{"Literal": "secret"}, "Wildcard"]}}}
              ],
              "annotations": {"advice": "adults may view"}
            }
          },
          "templates": {
            "owner": {
              "effect": "forbid",
              "principal": {"op": "==", "slot": "?principal"},
              "action": {"op": "All"},
              "resource": {"op": "in", "slot": "?resource"},
              "conditions": []
            }
          },
          "templateLinks": [
            {"templateId": "owner", "newId": "ban-bob", "values": {"?principal": {"type": "User", "id": "bob"}, "?resource": {"type": "Folder", "id": "f"}}}
          ]
        }
        """;

    private const string EntitiesJson = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 30}, "parents": [{"type": "Group", "id": "staff"}]},
          {"uid": {"type": "User", "id": "bob"}, "attrs": {"age": 40}, "parents": [{"type": "Group", "id": "staff"}]},
          {"uid": {"type": "Doc", "id": "plan"}, "attrs": {"name": "plan"}, "parents": [{"type": "Folder", "id": "f"}]},
          {"uid": {"type": "Doc", "id": "secret-plan"}, "attrs": {"name": "secret-plan"}, "parents": [{"type": "Folder", "id": "f"}]}
        ]
        """;

    [Theory]
    [InlineData("alice", "plan", Decision.Allow, "adults")]
    [InlineData("alice", "secret-plan", Decision.Deny, null)]
    [InlineData("bob", "plan", Decision.Deny, "ban-bob")]
    public void FromJson_PolicySet_DecidesLikeTheTextForm(string user, string doc, Decision decision, string? reason)
    {
        var set = PolicySet.FromJson(PolicySetJson);
        Assert.True(set.IsSuccess, set.Error?.ToString());
        var entities = Entities.FromJson(EntitiesJson).Value!;
        var request = AuthorizationRequest.Create(new EntityUid("User", user), new EntityUid("Action", "view"), new EntityUid("Doc", doc));

        var response = Authorizer.IsAuthorized(request, set.Value!, entities);

        Assert.Equal(decision, response.Decision);
        Assert.Equal(reason is null ? [] : [reason], response.Reasons);
        Assert.Empty(response.Errors);
    }

    [Fact]
    public void FromJson_Annotations_AreKept()
    {
        var set = PolicySet.FromJson(PolicySetJson).Value!;

        Assert.Equal("adults may view", set.Get("adults")!.Annotations["advice"]);
        Assert.True(set.Get("owner")!.IsTemplate);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"staticPolicies\": {\"a\": {\"effect\": \"allow\"}}}")]
    [InlineData("{\"staticPolicies\": {\"a\": {\"effect\": \"permit\", \"principal\": {\"op\": \"All\"}, \"action\": {\"op\": \"All\"}, \"resource\": {\"op\": \"All\"}, \"conditions\": [{\"kind\": \"when\", \"body\": {\"nope\": 1}}]}}}")]
    [InlineData("{\"staticPolicies\": {\"a\": {\"effect\": \"permit\", \"principal\": {\"op\": \"==\", \"slot\": \"?principal\"}, \"action\": {\"op\": \"All\"}, \"resource\": {\"op\": \"All\"}}}}")]
    [InlineData("{\"templateLinks\": [{\"templateId\": \"x\", \"newId\": \"y\"}]}")]
    [InlineData("not json")]
    public void FromJson_Invalid_ReturnsError(string json)
    {
        Assert.False(PolicySet.FromJson(json).IsSuccess);
    }
}
