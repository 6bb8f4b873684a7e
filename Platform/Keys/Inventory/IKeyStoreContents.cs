namespace Platform.Keys.Inventory;

/// <summary>A key store that can list the private keys it holds without opening them.</summary>
internal interface IKeyStoreContents
{
    /// <summary>Every private key in the store.</summary>
    IReadOnlyList<StoredKey> ListKeys();
}
