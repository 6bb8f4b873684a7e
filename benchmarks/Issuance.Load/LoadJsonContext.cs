using System.Text.Json.Serialization;

namespace Issuance.Load;

/// <summary>Source-generated JSON, camelCase as the API expects.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IssueBody))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
