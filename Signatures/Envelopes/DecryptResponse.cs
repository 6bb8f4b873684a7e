namespace Signatures.Envelopes;

/// <summary>The answer to <c>POST /signatures/decrypt</c>: the document, base64.</summary>
public sealed record DecryptResponse(string Content);
