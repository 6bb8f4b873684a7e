using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Tests.Authorization;

public sealed class ExpressionEvaluationTests
{
    private const string EntitiesJson = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 30, "tags": ["a", "b"], "addr": {"city": "Paris"}},
           "parents": [{"type": "Group", "id": "staff"}], "tags": {"level": 3}},
          {"uid": {"type": "Group", "id": "staff"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
          {"uid": {"type": "Group", "id": "all"}, "attrs": {}, "parents": []}
        ]
        """;

    [Theory]
    [InlineData("principal in Group::\"all\"")]
    [InlineData("principal in [Group::\"x\", Group::\"staff\"]")]
    [InlineData("principal is User && principal is User in Group::\"all\"")]
    [InlineData("principal has age && principal.age == 30 && !(principal has missing)")]
    [InlineData("principal has addr.city && principal.addr.city == \"Paris\"")]
    [InlineData("principal[\"age\"] > 29 && principal.age <= 30")]
    [InlineData("principal.tags.contains(\"a\") && principal.tags.containsAll([\"a\"]) && principal.tags.containsAny([\"z\", \"b\"])")]
    [InlineData("[].isEmpty() && ![1].isEmpty()")]
    [InlineData("[1, 2] == [2, 1, 1] && {a: 1, b: [true]} == {b: [true], a: 1}")]
    [InlineData("\"a*b\" like \"a\\*b\" && !(\"abcabd\" like \"*ab?\") && \"xyz\" like \"x*z\" && \"\" like \"*\"")]
    [InlineData("principal.hasTag(\"level\") && principal.getTag(\"level\") == 3 && !principal.hasTag(\"x\")")]
    [InlineData("if 1 < 2 then true else 1")]
    [InlineData("-9223372036854775808 < 0 && 2 * -3 == -6 && 7 - 10 == -3")]
    [InlineData("decimal(\"1.5\").lessThan(decimal(\"1.5001\")) && decimal(\"-1.0\").lessThan(decimal(\"0.0001\"))")]
    [InlineData("decimal(\"1.5\") == decimal(\"1.5000\")")]
    [InlineData("ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\")) && ip(\"::1\").isLoopback() && ip(\"224.0.0.1\").isMulticast() && ip(\"1.2.3.4\").isIpv4()")]
    [InlineData("ip(\"2001:db8::/32\").isIpv6() && !ip(\"127.0.0.0/7\").isLoopback()")]
    [InlineData("datetime(\"2024-01-01T00:00:00Z\") < datetime(\"2024-01-01T00:00:00.001Z\")")]
    [InlineData("datetime(\"2024-01-01T10:00:00+0100\") == datetime(\"2024-01-01T09:00:00Z\")")]
    [InlineData("datetime(\"2024-03-01\").offset(duration(\"-1d\")) == datetime(\"2024-02-29\")")]
    [InlineData("datetime(\"2024-01-02T03:04:05Z\").toTime() == duration(\"3h4m5s\") && datetime(\"2024-01-02T03:04:05Z\").toDate() == datetime(\"2024-01-02\")")]
    [InlineData("datetime(\"1969-12-31T23:00:00Z\").toDate() == datetime(\"1969-12-31\")")]
    [InlineData("duration(\"1d2h\").toHours() == 26 && duration(\"-90s\").toMinutes() == -1 && duration(\"1500ms\").toSeconds() == 1")]
    [InlineData("datetime(\"2024-01-02\").durationSince(datetime(\"2024-01-01\")) == duration(\"24h\")")]
    public void IsAuthorized_TrueCondition_Allows(string condition)
    {
        var response = Decide(condition);

        Assert.Empty(response.Errors);
        Assert.Equal(Decision.Allow, response.Decision);
    }

    [Theory]
    [InlineData("9223372036854775807 + 1 == 0")]
    [InlineData("-(-9223372036854775807 - 1) == 0")]
    [InlineData("9223372036854775807 * 2 == 0")]
    [InlineData("principal.missing == 1")]
    [InlineData("User::\"nobody\".age == 1")]
    [InlineData("1 && true")]
    [InlineData("\"a\" < \"b\"")]
    [InlineData("principal in 1")]
    [InlineData("principal in [principal, 1]")]
    [InlineData("decimal(\"1.23456\") == decimal(\"1.0\")")]
    [InlineData("ip(\"01.2.3.4\").isIpv4()")]
    [InlineData("datetime(\"2024-02-30\") == datetime(\"2024-01-01\")")]
    [InlineData("duration(\"1h1d\") == duration(\"1h\")")]
    [InlineData("principal.getTag(\"nope\") == 1")]
    [InlineData("decimal(\"1.0\") < decimal(\"2.0\")")]
    [InlineData("ip(\"1.2.3.4\").isInRange(1)")]
    public void IsAuthorized_ErroringCondition_DeniesAndReportsPolicy(string condition)
    {
        var response = Decide(condition);

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal("policy0", Assert.Single(response.Errors).PolicyId);
    }

    [Fact]
    public void IsAuthorized_DeepExpressionChain_ReportsErrorInsteadOfCrashing()
    {
        var chain = string.Join(" + ", Enumerable.Repeat("1", 200_000));

        var response = Decide($"{chain} > 0");

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Single(response.Errors);
    }

    private static AuthorizationResponse Decide(string condition)
    {
        var policies = PolicySet.Parse($"permit(principal, action, resource) when {{ {condition} }};");
        Assert.True(policies.IsSuccess, policies.Error?.ToString());
        var entities = Entities.FromJson(EntitiesJson).Value!;
        var request = AuthorizationRequest.Create(new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Doc", "d"));
        return Authorizer.IsAuthorized(request, policies.Value!, entities);
    }
}
