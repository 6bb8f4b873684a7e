using System.Text.Json;
using System.Text.Json.Serialization;

namespace Audit.Endpoints;

/// <summary>The answer of <c>GET /audit/proof/inclusion</c>: hashes in base64, from the leaf upward.</summary>
public sealed record InclusionProofResponse(long Index, long Size, IReadOnlyList<string> Proof);

/// <summary>The answer of <c>GET /audit/proof/consistency</c>, in RFC 9162 §2.1.4 order.</summary>
public sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Proof);

/// <summary>Source-generated JSON for the audit API: camelCase, no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InclusionProofResponse))]
[JsonSerializable(typeof(ConsistencyProofResponse))]
public sealed partial class AuditApiJsonContext : JsonSerializerContext;
