namespace Signatures.Cades;

/// <summary>Why a signature could not be raised to the level asked for: a service it needs is not available now.</summary>
public enum CadesFailure
{
    /// <summary>The time-stamp authority refused or is not hosted (B-T and up).</summary>
    TimeStampUnavailable,

    /// <summary>The revocation evidence or the CA's certificates are not available (B-LT and up).</summary>
    EvidenceUnavailable,
}
