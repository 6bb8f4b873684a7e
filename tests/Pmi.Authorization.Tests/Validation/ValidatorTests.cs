using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Validation;

namespace Pmi.Authorization.Tests.Validation;

public sealed class ValidatorTests
{
    private const string SchemaText = """
        namespace App {
          type Address = { city: String, zip?: String };
          entity Group;
          entity User in [Group] = { name: String, age?: Long, address: Address, groups: Set<Group> } tags String;
          entity Doc = { owner: User, public: Bool };
          action view appliesTo { principal: [User], resource: [Doc], context: { ip: ipaddr, level?: Long } };
          action admin;
        }
        """;

    private static readonly CedarSchema Schema = CedarSchema.Parse(SchemaText).Value!;

    [Theory]
    [InlineData("permit(principal, action == App::Action::\"view\", resource) when { resource.owner == principal && resource.public };")]
    [InlineData("permit(principal in App::Group::\"g\", action, resource is App::Doc) when { principal.address.city like \"P*\" };")]
    [InlineData("permit(principal, action, resource) when { principal has age && principal.age > 3 };")]
    [InlineData("permit(principal, action, resource) when { context has level && context.level == 1 || context.ip.isLoopback() };")]
    [InlineData("permit(principal, action, resource) when { principal.hasTag(\"k\") && principal.getTag(\"k\") == \"v\" };")]
    [InlineData("forbid(principal, action, resource) when { false };")]
    public void Validate_WellTypedPolicy_IsValid(string policy)
    {
        var result = Validator.Validate(PolicySet.Parse(policy).Value!, Schema);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { principal.age > 3 };", "optional")]
    [InlineData("permit(principal, action, resource) when { principal.nope };", "not found")]
    [InlineData("permit(principal, action, resource) when { 1 };", "unexpected type")]
    [InlineData("permit(principal, action, resource) when { principal.name == 1 };", "compare")]
    [InlineData("permit(principal == App::Nope::\"x\", action, resource);", "unknown entity")]
    [InlineData("permit(principal, action, resource) when { [] == [] };", "empty set")]
    [InlineData("permit(principal, action, resource) when { ip(context.ip) == context.ip };", "string literal")]
    [InlineData("permit(principal, action, resource) when { principal.getTag(\"k\") == \"v\" };", "hasTag")]
    [InlineData("permit(principal is App::Group, action, resource);", "no action")]
    [InlineData("permit(principal, action == App::Action::\"admin\", resource);", "no action")]
    public void Validate_IllTypedPolicy_ReportsError(string policy, string expectedFragment)
    {
        var result = Validator.Validate(PolicySet.Parse(policy).Value!, Schema);

        var error = Assert.Single(result.Errors);
        Assert.Equal("policy0", error.PolicyId);
        Assert.Contains(expectedFragment, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ParseJson_EquivalentSchema_ValidatesTheSame()
    {
        var json = """
            {"App": {
              "commonTypes": {"Address": {"type": "Record", "attributes": {"city": {"type": "String"}, "zip": {"type": "String", "required": false}}}},
              "entityTypes": {
                "Group": {},
                "User": {"memberOfTypes": ["Group"], "shape": {"type": "Record", "attributes": {
                  "name": {"type": "String"}, "age": {"type": "Long", "required": false},
                  "address": {"type": "Address"}, "groups": {"type": "Set", "element": {"type": "Entity", "name": "Group"}}}},
                  "tags": {"type": "String"}},
                "Doc": {"shape": {"type": "Record", "attributes": {"owner": {"type": "Entity", "name": "User"}, "public": {"type": "Boolean"}}}}
              },
              "actions": {
                "view": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"], "context": {"type": "Record", "attributes": {
                  "ip": {"type": "Extension", "name": "ipaddr"}, "level": {"type": "Long", "required": false}}}}},
                "admin": {}
              }
            }}
            """;
        var schema = CedarSchema.ParseJson(json);
        Assert.True(schema.IsSuccess, schema.Error);

        var good = PolicySet.Parse("permit(principal, action, resource) when { principal has age && principal.age > 3 && principal.address.city == \"x\" };").Value!;
        var bad = PolicySet.Parse("permit(principal, action, resource) when { principal.age > 3 };").Value!;

        Assert.True(Validator.Validate(good, schema.Value!).IsValid);
        Assert.False(Validator.Validate(bad, schema.Value!).IsValid);
    }

    [Theory]
    [InlineData("entity A in [Missing];")]
    [InlineData("entity A = { x: Missing };")]
    [InlineData("entity A; entity A;")]
    [InlineData("entity A = { x: Long, x: Long };")]
    [InlineData("action a appliesTo { principal: [Missing], resource: [Missing] };")]
    public void Parse_InvalidSchema_ReturnsError(string text)
    {
        Assert.False(CedarSchema.Parse(text).IsSuccess);
    }
}
