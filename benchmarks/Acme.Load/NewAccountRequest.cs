using System.Text.Json.Serialization;

namespace Acme.Load;

/// <summary>A newAccount payload (§7.3); the binding is a flattened JWS (§7.3.4).</summary>
internal sealed record NewAccountRequest(
    bool TermsOfServiceAgreed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FlattenedJws? ExternalAccountBinding);
