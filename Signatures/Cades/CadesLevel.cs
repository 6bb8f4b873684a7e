namespace Signatures.Cades;

/// <summary>The CAdES baseline levels (ETSI EN 319 122-1 §6), each adding to the one before.</summary>
public enum CadesLevel
{
    /// <summary>B-B: the signature with its signed attributes and the signer's certificates.</summary>
    BaselineB,

    /// <summary>B-T: a time-stamp over the signature value proves it existed then.</summary>
    BaselineT,

    /// <summary>B-LT: every certificate and the revocation data needed to validate it later.</summary>
    BaselineLt,

    /// <summary>B-LTA: an archive time-stamp (v3) over all of it, so it can be validated after its algorithms weaken.</summary>
    BaselineLta,
}
