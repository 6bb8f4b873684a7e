namespace Signatures;

/// <summary>Settings of the signature and encryption service (section <c>Signatures</c>).</summary>
public sealed class SignaturesOptions
{
    public const string Section = "Signatures";

    /// <summary>The largest document, in bytes, signed, verified, encrypted or decrypted in one request (before base64).</summary>
    public int MaxContentBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// PEM files of further trust anchors for signature validation (roots of other CAs whose
    /// signatures this platform accepts), besides the platform's own root. Read at start-up; a
    /// file that is missing or holds no certificate refuses the start.
    /// </summary>
    public IList<string> TrustAnchors { get; } = [];
}
