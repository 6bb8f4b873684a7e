using System.Text.Json.Serialization;

namespace Acme.Load;

// The RFC 8555 objects the load client reads and writes, with only the members it uses.

/// <summary>The directory (§7.1.1).</summary>
internal sealed record AcmeDirectory(string NewNonce, string NewAccount, string NewOrder, DirectoryMeta? Meta);

internal sealed record DirectoryMeta(bool ExternalAccountRequired);

/// <summary>A newAccount payload (§7.3); the binding is a flattened JWS (§7.3.4).</summary>
internal sealed record NewAccountRequest(
    bool TermsOfServiceAgreed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FlattenedJws? ExternalAccountBinding);

internal sealed record FlattenedJws(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature);

internal sealed record Identifier(string Type, string Value);

internal sealed record NewOrderRequest(Identifier[] Identifiers);

/// <summary>An order (§7.1.3).</summary>
internal sealed record Order(string Status, string[] Authorizations, string Finalize, string? Certificate, Problem? Error);

/// <summary>An authorization (§7.1.4).</summary>
internal sealed record Authorization(string Status, Challenge[] Challenges);

internal sealed record Challenge(string Type, string Url, string Token, string Status, Problem? Error);

internal sealed record FinalizeRequest(string Csr);

/// <summary>An empty object: the payload that triggers a challenge (§7.5.1).</summary>
internal sealed record EmptyObject;

/// <summary>A problem document (RFC 7807, §6.7).</summary>
internal sealed record Problem(string? Type, string? Detail);
