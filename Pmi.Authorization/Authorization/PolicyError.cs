namespace Pmi.Authorization.Authorization;

/// <summary>A policy whose evaluation failed; it was skipped and did not contribute to the decision.</summary>
/// <param name="PolicyId">The id of the erroring policy.</param>
/// <param name="Message">What went wrong.</param>
public sealed record PolicyError(string PolicyId, string Message);
