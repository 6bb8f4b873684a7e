using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Tests.Json;

public sealed class EntitiesJsonTests
{
    [Fact]
    public void FromJson_Hierarchy_IsClosedTransitively()
    {
        var entities = Entities.FromJson("""
            [{"uid": {"__entity": {"type": "A", "id": "1"}}, "attrs": {}, "parents": [{"type": "B", "id": "1"}]},
             {"uid": {"type": "B", "id": "1"}, "attrs": {}, "parents": [{"type": "C", "id": "1"}]}]
            """).Value!;

        Assert.True(entities.IsDescendantOf(new EntityUid("A", "1"), new EntityUid("C", "1")));
        Assert.False(entities.IsDescendantOf(new EntityUid("C", "1"), new EntityUid("A", "1")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[{\"attrs\": {}}]")]
    [InlineData("[{\"uid\": {\"type\": \"A\", \"id\": \"1\"}, \"attrs\": {\"x\": 1.5}}]")]
    [InlineData("[{\"uid\": {\"type\": \"A\", \"id\": \"1\"}}, {\"uid\": {\"type\": \"A\", \"id\": \"1\"}}]")]
    [InlineData("[{\"uid\": {\"type\": \"A\", \"id\": \"1\"}, \"attrs\": {\"x\": {\"__extn\": {\"fn\": \"ip\", \"arg\": \"nope\"}}}}]")]
    [InlineData("not json")]
    public void FromJson_InvalidInput_ReturnsError(string json)
    {
        var result = Entities.FromJson(json);

        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void FromJson_LoneSurrogate_ReturnsError()
    {
        var result = Entities.FromJson("[{\"uid\": {\"type\": \"A\", \"id\": \"\uD800\"}}]");

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void FromJson_DeeplyNestedValue_ReturnsError()
    {
        var deep = new string('[', 5000) + new string(']', 5000);

        var result = Entities.FromJson($"[{{\"uid\": {{\"type\": \"A\", \"id\": \"1\"}}, \"attrs\": {{\"x\": {deep}}}}}]");

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void FromJson_WithSchema_ConvertsImplicitValuesAndAddsActions()
    {
        var schema = CedarSchema.Parse("""
            entity User { home: ipaddr, boss?: User };
            action view appliesTo { principal: User, resource: User };
            action read in view;
            """).Value!;

        var entities = Entities.FromJson("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"home": "10.0.0.1", "boss": {"type": "User", "id": "b"}}}]""", schema).Value!;

        var user = entities.Map[new EntityUid("User", "a")];
        Assert.IsType<Values.IpValue>(user.Attrs["home"]);
        Assert.IsType<Values.EntityValue>(user.Attrs["boss"]);
        Assert.True(entities.IsDescendantOf(new EntityUid("Action", "read"), new EntityUid("Action", "view")));
    }
}
