using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Storage;
using Platform.Cryptography.Cms;
using Platform.Keys;
using System.Security.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// The escrowed encryption keys of dual pairs as the platform's held decryption keys: a recipient
/// named by the issuer and serial number of an encryption certificate this CA issued with an
/// escrowed key. The key stays usable after its certificate expires or is revoked: documents
/// encrypted to it before then must still open.
/// </summary>
internal sealed class EscrowedDecryptionKeys(IKeyEscrowStore store, ICaStore certificates, SecretSealer sealer) : IHeldDecryptionKeys
{
    public async Task<HeldDecryptionKey?> FindAsync(CmsRecipientIdentifier recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient is not { SerialNumber: { Length: > 0 and <= 40 } serial, Issuer: { } issuer }
            || await store.GetEscrowedKeyAsync(serial, cancellationToken) is not { } escrowed
            || await certificates.GetCertificateAsync(serial, cancellationToken) is not { } record)
        {
            return null;
        }

        // A serial number is unique per issuer only: the issuer named must be the one that issued it.
        var certificate = X509CertificateStructure.GetInstance(record.Certificate);
        return certificate.Issuer.Equivalent(issuer) ? new Escrowed(escrowed, sealer) : null;
    }

    private sealed class Escrowed(EscrowedKey key, SecretSealer sealer) : HeldDecryptionKey(key.Serial, key.Department)
    {
        public override byte[] OpenPrivateKey()
        {
            try
            {
                return sealer.Open(EncryptionCertificateIssuer.SealPurpose, key.Serial, key.SealedKey);
            }
            catch (CryptographicException e)
            {
                throw new KeyStoreUnavailableException("The escrowed key does not open under the key store's key-encryption key.", e);
            }
        }
    }
}
