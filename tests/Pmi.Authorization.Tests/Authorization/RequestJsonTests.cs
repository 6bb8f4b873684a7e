using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Tests.Authorization;

public sealed class RequestJsonTests
{
    private static readonly CedarSchema Schema = CedarSchema.Parse("""
        entity User;
        entity Doc;
        action view appliesTo { principal: User, resource: Doc, context: { ip: ipaddr, level?: Long } };
        """).Value!;

    [Fact]
    public void FromJson_ValidRequest_ParsesWithImplicitExtensionValue()
    {
        var result = AuthorizationRequest.FromJson("""
            {"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "view"},
             "resource": {"type": "Doc", "id": "d"}, "context": {"ip": "10.0.0.1"}}
            """, Schema);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new EntityUid("User", "a"), result.Value!.Principal);
    }

    [Theory]
    [InlineData("""{"principal": {"type": "Doc", "id": "a"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Doc", "id": "d"}, "context": {"ip": "10.0.0.1"}}""")]
    [InlineData("""{"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "edit"}, "resource": {"type": "Doc", "id": "d"}, "context": {"ip": "10.0.0.1"}}""")]
    [InlineData("""{"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Doc", "id": "d"}, "context": {}}""")]
    [InlineData("""{"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Doc", "id": "d"}, "context": {"ip": "10.0.0.1", "extra": 1}}""")]
    [InlineData("""{"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Doc", "id": "d"}, "context": {"ip": "10.0.0.1", "level": "high"}}""")]
    [InlineData("""{"action": {"type": "Action", "id": "view"}, "resource": {"type": "Doc", "id": "d"}}""")]
    public void FromJson_NonConformingRequest_Fails(string json)
    {
        var result = AuthorizationRequest.FromJson(json, Schema);

        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void FromJson_EntityNotConformingToSchema_Fails()
    {
        var result = Entities.FromJson("""[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "x"}}]""", Schema);

        Assert.False(result.IsSuccess);
        Assert.Contains("name", result.Error, StringComparison.Ordinal);
    }
}
