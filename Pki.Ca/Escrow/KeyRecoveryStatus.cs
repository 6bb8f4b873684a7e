namespace Pki.Ca.Escrow;

/// <summary>Where a key recovery stands.</summary>
internal enum KeyRecoveryStatus
{
    /// <summary>Opened; waiting for a second key-recovery officer.</summary>
    Pending,

    /// <summary>Approved: the key is released, encrypted to the recipient certificate.</summary>
    Released,

    /// <summary>Not approved within <c>Pki:Registration:KeyRecoveryLifetime</c>; nothing was released.</summary>
    Expired,
}

/// <summary>How a status is written: in the API, the database and messages alike.</summary>
internal static class KeyRecoveryStatusNames
{
    public static string Name(this KeyRecoveryStatus status) => status.ToString().ToLowerInvariant();
}
