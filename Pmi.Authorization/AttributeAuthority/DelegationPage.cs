namespace Pmi.Authorization.AttributeAuthority;

/// <summary>A page of delegations.</summary>
/// <param name="Items">In id order.</param>
/// <param name="Next">The <c>after</c> value of the next page; null on the last page.</param>
public sealed record DelegationPage(IReadOnlyList<DelegationResponse> Items, string? Next);
