using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Validation;

namespace Pmi.Authorization.Tests.Validation;

public sealed class TemplateValidationTests
{
    private static readonly CedarSchema Schema = CedarSchema.Parse("""
        entity Group;
        entity User in [Group] = { name: String };
        entity Doc = { owner: User };
        action view appliesTo { principal: [User], resource: [Doc] };
        """).Value!;

    [Theory]
    [InlineData("permit(principal == ?principal, action, resource in ?resource) when { resource.owner == principal };")]
    [InlineData("permit(principal is User in ?principal, action == Action::\"view\", resource);")]
    public void Validate_WellTypedTemplate_IsValid(string template)
    {
        var result = Validator.Validate(PolicySet.Parse(template).Value!, Schema);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("permit(principal == ?principal, action, resource) when { resource.missing };")]
    [InlineData("permit(principal is Group in ?principal, action, resource);")]
    public void Validate_IllTypedTemplate_ReportsError(string template)
    {
        var result = Validator.Validate(PolicySet.Parse(template).Value!, Schema);

        Assert.False(result.IsValid);
    }
}
