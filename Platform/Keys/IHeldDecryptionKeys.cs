using Platform.Cryptography.Cms;

namespace Platform.Keys;

/// <summary>
/// The decryption keys the platform holds for recipients of encrypted documents: the escrowed
/// encryption keys of departments' dual pairs, which the CA keeps sealed under the key store's
/// key-encryption key. Lets a module open a CMS envelope addressed to such a key without depending
/// on the CA. Whoever asks decides first whether the caller may use the key (its
/// <see cref="HeldDecryptionKey.Department"/>), and records that use.
/// </summary>
public interface IHeldDecryptionKeys
{
    /// <summary>
    /// The held key of <paramref name="recipient"/>, named by issuer and serial number of a certificate
    /// the platform issued; null when the platform holds no such key (a key its holder generated,
    /// another issuer, a recipient named by key identifier only).
    /// </summary>
    Task<HeldDecryptionKey?> FindAsync(CmsRecipientIdentifier recipient, CancellationToken cancellationToken = default);
}
