namespace Pmi.Authorization.Authorization;

/// <summary>A decision with the policies that determined it and the policies that failed to evaluate.</summary>
/// <param name="Decision">Allow or deny.</param>
/// <param name="Reasons">Ids of the satisfied policies that determined the decision.</param>
/// <param name="Errors">Policies that raised an evaluation error.</param>
public sealed record AuthorizationResponse(Decision Decision, IReadOnlyList<string> Reasons, IReadOnlyList<PolicyError> Errors);
