namespace Signatures.Seals;

/// <summary>The module's audit vocabulary for seals and signatures.</summary>
internal static class SealEvents
{
    /// <summary>The module name events carry.</summary>
    public const string Module = "signatures";

    /// <summary>A seal was made (or refused).</summary>
    public const string Create = "seal.create";

    /// <summary>A document was sealed with a department's seal (or refused).</summary>
    public const string Seal = "signature.seal";

    /// <summary>A signature made with the caller's own key was assembled (or refused).</summary>
    public const string Assemble = "signature.assemble";
}
