using System.Text.Json.Serialization;

namespace Acme.Load;

/// <summary>Source-generated JSON for the ACME messages (camelCase, as RFC 8555 names its fields) and the run's result file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(NewAccountRequest))]
[JsonSerializable(typeof(NewOrderRequest))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Authorization))]
[JsonSerializable(typeof(FinalizeRequest))]
[JsonSerializable(typeof(EmptyObject))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;
