using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signatures.Envelopes;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EncryptRequest))]
[JsonSerializable(typeof(EncryptResponse))]
[JsonSerializable(typeof(DecryptRequest))]
[JsonSerializable(typeof(DecryptResponse))]
internal sealed partial class EnvelopeJsonContext : JsonSerializerContext;
