using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Tests.Parsing;

public sealed class PolicyParserTests
{
    [Fact]
    public void Parse_PoliciesWithoutId_GetPositionalIds()
    {
        var set = PolicySet.Parse("permit(principal, action, resource); @id(\"named\") forbid(principal, action, resource); permit(principal, action, resource);").Value!;

        Assert.Equal(["policy0", "named", "policy2"], set.All.Select(p => p.Id));
    }

    [Fact]
    public void Parse_Annotations_AreKept()
    {
        var policy = PolicySet.Parse("@advice(\"x\") @flag permit(principal, action, resource);").Value!.All[0];

        Assert.Equal("x", policy.Annotations["advice"]);
        Assert.Equal(string.Empty, policy.Annotations["flag"]);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        var result = PolicySet.Parse("permit(principal, action, resource)\nwhen { 1 + };");

        Assert.False(result.IsSuccess);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal(12, result.Error.Column);
    }

    [Fact]
    public void Parse_DuplicateIds_Fails()
    {
        var result = PolicySet.Parse("@id(\"a\") permit(principal, action, resource); @id(\"a\") permit(principal, action, resource);");

        Assert.False(result.IsSuccess);
    }

    [Theory]
    [InlineData("1 == 2 == 3")]
    [InlineData("!-1")]
    [InlineData("!!!!!true")]
    [InlineData("9223372036854775808")]
    [InlineData("\"\\q\"")]
    [InlineData("foo(1)")]
    [InlineData("context.bar()")]
    [InlineData("{a: 1, a: 2}")]
    [InlineData("principal in ?principal")]
    [InlineData("true & false")]
    [InlineData("true | false")]
    [InlineData("\"unterminated")]
    public void Parse_InvalidExpression_Fails(string expr)
    {
        var result = PolicySet.Parse($"permit(principal, action, resource) when {{ {expr} }};");

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void Parse_DeepNesting_FailsInsteadOfOverflowing()
    {
        var expr = new string('(', 100_000) + "1" + new string(')', 100_000);

        var result = PolicySet.Parse($"permit(principal, action, resource) when {{ {expr} == 1 }};");

        Assert.False(result.IsSuccess);
        Assert.Contains("nesting", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ActionScopeWithNonActionType_Fails()
    {
        Assert.False(PolicySet.Parse("permit(principal, action == User::\"a\", resource);").IsSuccess);
    }

    [Fact]
    public void Link_Template_AddsActivePolicy()
    {
        var set = PolicySet.Parse("@id(\"t\") permit(principal == ?principal, action, resource in ?resource);").Value!;
        Assert.Empty(set.Active);

        var linked = set.Link("t", "link1", new EntityUid("User", "alice"), new EntityUid("Folder", "f")).Value!;

        var link = Assert.Single(linked.Active);
        Assert.Equal("link1", link.Id);
        Assert.Equal("t", link.TemplateId);
    }

    [Fact]
    public void Link_MissingSlotValue_Fails()
    {
        var set = PolicySet.Parse("@id(\"t\") permit(principal == ?principal, action, resource in ?resource);").Value!;

        Assert.False(set.Link("t", "link1", new EntityUid("User", "alice"), null).IsSuccess);
    }
}
