namespace Pmi.Authorization.AttributeAuthority;

/// <summary>A page of attribute certificates.</summary>
/// <param name="Items">In serial number order.</param>
/// <param name="Next">The <c>after</c> value of the next page; null on the last page.</param>
public sealed record AttributeCertificatePage(IReadOnlyList<AttributeCertificateRecord> Items, string? Next);
