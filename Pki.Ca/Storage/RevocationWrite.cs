namespace Pki.Ca.Storage;

/// <summary>What a revocation or a release did to the repository.</summary>
public enum RevocationWrite
{
    /// <summary>The change was made.</summary>
    Done,
    /// <summary>No certificate has that serial.</summary>
    NotFound,
    /// <summary>It is revoked already (and not on hold, or on hold and asked to be held again).</summary>
    AlreadyRevoked,
    /// <summary>A release was asked for a certificate that is not on hold.</summary>
    NotOnHold,
}
