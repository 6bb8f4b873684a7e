using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Keys.Inventory;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys;

/// <summary>
/// Keeps each private key as a file <c>keys/&lt;id&gt;.key</c> in the data directory, its PKCS#8
/// encrypted with AES-256-GCM under the key-encryption key. The key id and algorithm are bound
/// to the ciphertext as associated data, so a file cannot be swapped for another.
/// File format (text, one line): <c>spk1 &lt;algorithm&gt; &lt;base64(nonce ‖ tag ‖ ciphertext)&gt;</c>.
/// </summary>
internal sealed partial class SoftwareKeyStore(string directory, KeyEncryptionKey kek) : IKeyStore, IKeyStoreContents
{
    private const string Magic = "spk1";
    private readonly ConcurrentDictionary<string, ISigningKey> opened = new(StringComparer.Ordinal);

    public ISigningKey Create(KeyAlgorithm algorithm, string label)
    {
        if (label.Length == 0 || label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException("A key label is one or more letters, digits and '-'.", nameof(label));
        }

        var id = $"{label}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var pkcs8 = SoftwareKeys.Generate(algorithm);
        try
        {
            SecureFile.WriteNew(PathOf(id), Format(algorithm, Seal(kek, id, algorithm, pkcs8)));
            return opened.GetOrAdd(id, _ => SoftwareKeys.Load(id, algorithm, pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public ISigningKey Open(string keyId) => opened.GetOrAdd(keyId, Load);

    private ISigningKey Load(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"No key {id} in {directory}.");
        }

        var (algorithm, sealedKey) = Parse(id, File.ReadAllText(path));
        var pkcs8 = Open(kek, id, algorithm, sealedKey);
        try
        {
            return SoftwareKeys.Load(id, algorithm, pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>Parses a key file's text into its algorithm and sealed PKCS#8.</summary>
    internal static (KeyAlgorithm Algorithm, byte[] SealedKey) Parse(string id, string text)
    {
        var parts = text.Trim().Split(' ');
        if (parts.Length != 3 || parts[0] != Magic || !KeyAlgorithmNames.TryParse(parts[1], out var algorithm))
        {
            throw new CryptographicException($"The key file of {id} is not in the expected format.");
        }

        try
        {
            return (algorithm, Convert.FromBase64String(parts[2]));
        }
        catch (FormatException)
        {
            throw new CryptographicException($"The key file of {id} is not in the expected format.");
        }
    }

    /// <summary>The text of a key file.</summary>
    internal static byte[] Format(KeyAlgorithm algorithm, byte[] sealedKey) =>
        Encoding.ASCII.GetBytes($"{Magic} {algorithm.Name()} {Convert.ToBase64String(sealedKey)}\n");

    /// <summary>Encrypts a PKCS#8 under <paramref name="kek"/>, bound to the key id and algorithm.</summary>
    internal static byte[] Seal(KeyEncryptionKey kek, string id, KeyAlgorithm algorithm, byte[] plaintext)
    {
        var output = new byte[12 + 16 + plaintext.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(kek.Key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(28), output.AsSpan(12, 16), AssociatedData(id, algorithm));
        return output;
    }

    /// <summary>Decrypts a sealed PKCS#8; throws <see cref="CryptographicException"/> under another KEK.</summary>
    internal static byte[] Open(KeyEncryptionKey kek, string id, KeyAlgorithm algorithm, byte[] sealedKey)
    {
        if (sealedKey.Length < 28)
        {
            throw new CryptographicException($"The key file of {id} is truncated.");
        }

        var plaintext = new byte[sealedKey.Length - 28];
        using var aes = new AesGcm(kek.Key, 16);
        aes.Decrypt(sealedKey.AsSpan(0, 12), sealedKey.AsSpan(28), sealedKey.AsSpan(12, 16), plaintext, AssociatedData(id, algorithm));
        return plaintext;
    }

    private static byte[] AssociatedData(string id, KeyAlgorithm algorithm) => Encoding.UTF8.GetBytes($"{id}|{algorithm.Name()}");

    private string PathOf(string id)
    {
        if (id.Length == 0 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new KeyNotFoundException($"No key {id}.");
        }

        return Path.Combine(directory, id + ".key");
    }
}
