using System.Text.Json;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Tests.Authorization;

/// <summary>Evaluation work is bounded per policy and per request, and stops when the caller has gone.</summary>
public sealed class EvaluationBudgetTests
{
    // Many wildcards, then a long literal that almost matches at every position of a long string: the
    // matcher's worst case, string length × literal length.
    private static readonly string Pathological = "permit(principal, action, resource) when { context.text like \""
        + string.Concat(Enumerable.Repeat("*a", 50)) + "*" + new string('a', 2000) + "b\" };";

    private static readonly AuthorizationRequest LongText = AuthorizationRequest.Create(
        new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Doc", "d"),
        JsonSerializer.Serialize(new { text = new string('a', 400_000) })).Value!;

    [Fact]
    public void IsAuthorized_PathologicalLike_ErrorsForThatPolicyAndDenies()
    {
        var policies = PolicySet.Parse("@id(\"slow\") " + Pathological).Value!;

        var response = Authorizer.IsAuthorized(LongText, policies, Entities.Empty);

        Assert.Equal(Decision.Deny, response.Decision);
        var error = Assert.Single(response.Errors);
        Assert.Equal("slow", error.PolicyId);
        Assert.Contains("evaluation budget exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsAuthorized_PathologicalPermitBesideAnotherPermit_TheOtherStillAllows()
    {
        var policies = PolicySet.Parse("@id(\"slow\") " + Pathological + " @id(\"plain\") permit(principal, action, resource);").Value!;

        var response = Authorizer.IsAuthorized(LongText, policies, Entities.Empty);

        Assert.Equal(Decision.Allow, response.Decision);
        Assert.Equal(["plain"], response.Reasons);
        Assert.Equal("slow", Assert.Single(response.Errors).PolicyId);
    }

    [Fact]
    public void IsAuthorized_ForbidOutOfBudget_DeniesRatherThanLetAPermitThrough()
    {
        var policies = PolicySet.Parse("@id(\"plain\") permit(principal, action, resource); @id(\"slow\") " + Pathological.Replace("permit", "forbid", StringComparison.Ordinal)).Value!;

        var response = Authorizer.IsAuthorized(LongText, policies, Entities.Empty);

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal("slow", Assert.Single(response.Errors).PolicyId);
    }

    [Fact]
    public void IsAuthorized_ManyPathologicalPolicies_RequestBudgetMakesEveryOneLeftError()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => $"@id(\"p{i}\") {Pathological}\n"));
        var policies = PolicySet.Parse(text).Value!;

        var response = Authorizer.IsAuthorized(LongText, policies, Entities.Empty, maxPolicySteps: 100_000, maxRequestSteps: 300_000, CancellationToken.None);

        Assert.Equal(Decision.Deny, response.Decision);
        Assert.Equal(50, response.Errors.Count);
        Assert.Contains(response.Errors, e => e.Message.Contains("the request took more than", StringComparison.Ordinal));
    }

    [Fact]
    public void IsAuthorized_CancelledRequest_StopsWithoutADecision()
    {
        var policies = PolicySet.Parse(Pathological).Value!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Authorizer.IsAuthorized(LongText, policies, Entities.Empty, long.MaxValue, long.MaxValue, cancelled.Token));
    }

    [Fact]
    public void IsAuthorized_CancelledWhileEvaluating_StopsInsideTheMatch()
    {
        // Without a budget the match would run for a long time; the token is signalled once the work has begun.
        var policies = PolicySet.Parse(Pathological).Value!;
        using var cancellation = new CancellationTokenSource();
        var evaluation = Task.Run(() => Authorizer.IsAuthorized(LongText, policies, Entities.Empty, long.MaxValue, long.MaxValue, cancellation.Token));
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => evaluation.GetAwaiter().GetResult());
    }

    [Fact]
    public void IsAuthorized_LikeWithinBudget_KeepsItsMeaning()
    {
        var request = AuthorizationRequest.Create(new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Doc", "d"),
            """{"text": "tax-case-2026-0042"}""").Value!;
        var policies = PolicySet.Parse("permit(principal, action, resource) when { context.text like \"tax-*-2026-*\" && !(context.text like \"*-0043\") };").Value!;

        Assert.Equal(Decision.Allow, Authorizer.IsAuthorized(request, policies, Entities.Empty, 1000, 1000, CancellationToken.None).Decision);
    }
}
