using System.Text.Json.Serialization;

namespace Audit.Trail;

/// <summary>Source-generated JSON for turning detail strings into JSON values.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
