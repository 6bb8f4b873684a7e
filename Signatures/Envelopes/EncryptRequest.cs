using System.ComponentModel.DataAnnotations;

namespace Signatures.Envelopes;

/// <summary>
/// <c>POST /signatures/encrypt</c>: the document (base64), the PEM certificates of its recipients,
/// and optionally the content encryption (<c>aes-256-gcm</c>, the default; <c>aes-256-cbc</c>; <c>sm4-cbc</c>).
/// </summary>
public sealed record EncryptRequest([property: Required] string? Content, [property: Required] IReadOnlyList<string?>? Recipients, string? ContentEncryption);
