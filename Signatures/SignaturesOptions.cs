namespace Signatures;

/// <summary>Settings of the signature and encryption service (section <c>Signatures</c>).</summary>
public sealed class SignaturesOptions
{
    public const string Section = "Signatures";

    /// <summary>The largest document, in bytes, signed, verified, encrypted or decrypted in one request (before base64).</summary>
    public int MaxContentBytes { get; set; } = 512 * 1024;
}
