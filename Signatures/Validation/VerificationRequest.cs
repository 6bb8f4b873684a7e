using System.ComponentModel.DataAnnotations;

namespace Signatures.Validation;

/// <summary><c>POST /signatures/verify</c>: the signature (base64 DER CMS) and, for a detached one, the content (base64).</summary>
public sealed record VerificationRequest([property: Required] string? Signature, string? Content);
