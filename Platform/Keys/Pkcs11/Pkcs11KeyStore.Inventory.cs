using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Platform.Cryptography;
using Platform.Keys.Inventory;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys.Pkcs11;

internal sealed partial class Pkcs11KeyStore : IKeyStoreContents
{
    /// <summary>
    /// Every private key object of the token, by <c>CKA_ID</c> (the store's key id), with the
    /// algorithm of its public key object. One search and a few attribute reads per key: the
    /// private keys themselves are never used.
    /// </summary>
    public IReadOnlyList<StoredKey> ListKeys() => token.Run("list keys", session =>
    {
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        var keys = new List<StoredKey>();
        List<IObjectHandle> privateKeys;
        lock (Pkcs11SigningKey.ObjectSearch)
        {
            privateKeys = session.FindAllObjects(
            [
                // Token objects only: the pooled sessions' copies of a key share its id.
                attributes.Create(CKA.CKA_TOKEN, true),
                attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            ]);
        }

        foreach (var privateKey in privateKeys)
        {
            var values = session.GetAttributeValue(privateKey, [CKA.CKA_ID, CKA.CKA_LABEL]);
            var objectId = values[0].CannotBeRead ? [] : values[0].GetValueAsByteArray() ?? [];
            var id = objectId.Length > 0 ? Encoding.UTF8.GetString(objectId) : values[1].GetValueAsString() ?? "";
            keys.Add(new StoredKey(id, KeyStoreSettings.Pkcs11Provider, token.Label, Describe(session, objectId, id)));
        }

        return (IReadOnlyList<StoredKey>)[.. keys.OrderBy(k => k.KeyId, StringComparer.Ordinal)];
    });

    private string Describe(ISession session, byte[] objectId, string id)
    {
        try
        {
            if (Pkcs11SigningKey.Find(session, objectId, CKO.CKO_PUBLIC_KEY) is not { } publicKey)
            {
                return "unknown (no public key object)";
            }

            return AlgorithmOf(session, publicKey, id).Name();
        }
        catch (CryptographicException e)
        {
            // A key some other application put in the token: listed, not understood.
            return "unknown (" + e.Message + ")";
        }
    }
}
