using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Signatures.Seals;

/// <summary><c>POST /signatures/seals</c>: the department, and the key algorithm (ECDSA-P256 unless named).</summary>
public sealed record SealCreation([property: Required] string? Department, string? Algorithm);

/// <summary>A seal as the API shows it: its certificate and chain as PEM.</summary>
public sealed record SealResponse(
    string Department, string Algorithm, string SerialNumber, string Subject, DateTimeOffset NotAfter, DateTimeOffset CreatedAt, string CreatedBy,
    string Certificate, IReadOnlyList<string> Chain);

/// <summary>Every seal, by department.</summary>
public sealed record SealListResponse(IReadOnlyList<SealResponse> Items);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SealCreation))]
[JsonSerializable(typeof(SealResponse))]
[JsonSerializable(typeof(SealListResponse))]
internal sealed partial class SealJsonContext : JsonSerializerContext;
