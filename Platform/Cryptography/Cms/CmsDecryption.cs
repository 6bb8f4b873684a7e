namespace Platform.Cryptography.Cms;

/// <summary>What opening a CMS envelope gave: its content, or why not. The caller owns (and should clear) the content.</summary>
/// <param name="Content">The decrypted content; null when it could not be opened.</param>
/// <param name="Error">Why not.</param>
public sealed record CmsDecryption(byte[]? Content, CmsEnvelopeError? Error);
