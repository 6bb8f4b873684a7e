using System.Text.Json.Serialization;

namespace Platform.Auditing;

/// <summary>How an event waits in a module database's outbox: JSON, outcomes by name.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditEvent))]
internal sealed partial class AuditOutboxJsonContext : JsonSerializerContext;
