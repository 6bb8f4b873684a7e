namespace Signatures.Envelopes;

/// <summary>The answer to <c>POST /signatures/encrypt</c>: the CMS envelope, base64 DER.</summary>
public sealed record EncryptResponse(string Enveloped);
