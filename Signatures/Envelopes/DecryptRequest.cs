using System.ComponentModel.DataAnnotations;

namespace Signatures.Envelopes;

/// <summary><c>POST /signatures/decrypt</c>: a CMS EnvelopedData or AuthEnvelopedData, base64 DER.</summary>
public sealed record DecryptRequest([property: Required] string? Enveloped);
