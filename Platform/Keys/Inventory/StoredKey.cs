namespace Platform.Keys.Inventory;

/// <summary>A private key found in a key store, read without opening it.</summary>
/// <param name="KeyId">The key store's id (a software key's file name, a token object's <c>CKA_ID</c>).</param>
/// <param name="Store"><see cref="KeyStoreSettings.Software"/> or <see cref="KeyStoreSettings.Pkcs11Provider"/>.</param>
/// <param name="Location">Where: the key file, or the token's label.</param>
/// <param name="Algorithm">The key's algorithm name (<c>ECDSA-P256</c>), or a description of a type the platform does not use.</param>
public sealed record StoredKey(string KeyId, string Store, string Location, string Algorithm);
