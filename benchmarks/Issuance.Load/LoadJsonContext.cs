using System.Text.Json.Serialization;

namespace Issuance.Load;

/// <summary>Source-generated JSON, camelCase as the API expects.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IssueBody))]
[JsonSerializable(typeof(DepartmentBody))]
[JsonSerializable(typeof(SecretBody))]
[JsonSerializable(typeof(SecretAnswer))]
[JsonSerializable(typeof(GrantBody))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
