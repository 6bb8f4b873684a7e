using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pki.Ca.Escrow;

/// <summary>
/// The encryption half of an issued dual pair, as its requester fetches it: the certificate and
/// its private key encrypted to the signing certificate (<c>encryptedKeyFormat</c>
/// <c>cms-enveloped-data</c> or <c>sm2-enveloped-key</c>; <c>encryptedKey</c> base64 DER).
/// </summary>
public sealed record EncryptionPairResponse(string SerialNumber, string Certificate, string EncryptedKeyFormat, string EncryptedKey);

/// <summary>
/// <c>POST /pki/key-recoveries</c>: the encryption certificate whose escrowed key is to be
/// recovered, why, and the PEM certificate (of this CA) to release the key to.
/// </summary>
public sealed record KeyRecoveryOpening([property: Required] string? SerialNumber, [property: Required] string? Reason, string? Recipient);

/// <summary><c>POST /pki/key-recoveries/{id}/approve</c>: the second officer's optional comment.</summary>
public sealed record KeyRecoveryDecision(string? Comment);

/// <summary>
/// A key recovery as the API shows it; once <c>released</c>, the key encrypted to the recipient
/// certificate (<c>encryptedKeyFormat</c> as for a dual pair, <c>encryptedKey</c> base64 DER).
/// </summary>
public sealed record KeyRecoveryResponse(
    string Id, string SerialNumber, string Department, string Status, string Reason, string RecipientSerialNumber, string OpenedBy, DateTimeOffset OpenedAt,
    DateTimeOffset ExpiresAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? EncryptedKeyFormat, string? EncryptedKey);

/// <summary>A page of recoveries, newest first; <c>next</c> is the cursor of the next page.</summary>
public sealed record KeyRecoveryListResponse(IReadOnlyList<KeyRecoveryResponse> Items, string? Next);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KeyRecoveryOpening))]
[JsonSerializable(typeof(KeyRecoveryDecision))]
[JsonSerializable(typeof(KeyRecoveryResponse))]
[JsonSerializable(typeof(KeyRecoveryListResponse))]
internal sealed partial class EscrowJsonContext : JsonSerializerContext;
