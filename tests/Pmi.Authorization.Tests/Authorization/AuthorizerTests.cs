using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Tests.Authorization;

public sealed class AuthorizerTests
{
    private static readonly AuthorizationRequest Request =
        AuthorizationRequest.Create(new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Doc", "d"));

    [Fact]
    public void IsAuthorized_NoPolicies_DeniesByDefault()
    {
        var response = Decide(string.Empty);

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Empty(response.Reasons);
    }

    [Fact]
    public void IsAuthorized_PermitAndForbid_ForbidWins()
    {
        var response = Decide("permit(principal, action, resource); forbid(principal == User::\"alice\", action, resource);");

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal(["policy1"], response.Reasons);
    }

    [Fact]
    public void IsAuthorized_ErroringForbid_DoesNotBlockPermit()
    {
        var response = Decide("permit(principal, action == Action::\"view\", resource); forbid(principal, action, resource) when { 1 + \"a\" == 2 };");

        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["policy0"], response.Reasons);
        Assert.Equal("policy1", Assert.Single(response.Errors).PolicyId);
    }

    [Fact]
    public void IsAuthorized_ScopeMismatch_PolicyNotApplied()
    {
        var response = Decide("permit(principal, action in [Action::\"edit\"], resource); permit(principal is Group, action, resource);");

        Assert.Equal(Decision.Deny, response.Decision);
    }

    [Fact]
    public void IsAuthorized_UnlessClause_Negates()
    {
        var response = Decide("permit(principal, action, resource) unless { principal == User::\"bob\" };");

        Assert.Equal(Decision.Allow, response.Decision);
    }

    [Fact]
    public void IsAuthorized_ContextFromJson_IsAvailable()
    {
        var request = AuthorizationRequest.Create(
            new EntityUid("User", "alice"),
            new EntityUid("Action", "view"),
            new EntityUid("Doc", "d"),
            """{"ip": {"__extn": {"fn": "ip", "arg": "10.1.2.3"}}, "owner": {"__entity": {"type": "User", "id": "alice"}}}""").Value!;
        var policies = PolicySet.Parse("permit(principal, action, resource) when { context.ip.isInRange(ip(\"10.0.0.0/8\")) && context.owner == principal };").Value!;

        var response = Authorizer.IsAuthorized(request, policies, Entities.Empty);

        Assert.Equal(Decision.Allow, response.Decision);
    }

    private static AuthorizationResponse Decide(string policies) =>
        Authorizer.IsAuthorized(Request, PolicySet.Parse(policies).Value!, Entities.Empty);
}
