using Platform.Cryptography;
using Platform.Keys.Inventory;
using System.Security.Cryptography;

namespace Platform.Keys;

internal sealed partial class SoftwareKeyStore
{
    /// <summary>Every <c>keys/*.key</c> file, its algorithm read from the header; nothing is decrypted.</summary>
    public IReadOnlyList<StoredKey> ListKeys()
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.GetFiles(directory, "*.key").Order(StringComparer.Ordinal).Select(file =>
        {
            var id = Path.GetFileNameWithoutExtension(file);
            string algorithm;
            try
            {
                algorithm = Parse(id, File.ReadAllText(file)).Algorithm.Name();
            }
            catch (CryptographicException)
            {
                algorithm = "unreadable";
            }

            return new StoredKey(id, KeyStoreSettings.Software, file, algorithm);
        })];
    }
}
