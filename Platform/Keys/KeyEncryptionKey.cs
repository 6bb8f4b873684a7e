using Microsoft.Extensions.Logging;
using Platform.Hosting;
using System.Security.Cryptography;

namespace Platform.Keys;

/// <summary>
/// The AES-256 key that encrypts private keys at rest. Production supplies it through
/// configuration; the embedded default generates one into the data directory.
/// </summary>
public sealed partial class KeyEncryptionKey
{
    private KeyEncryptionKey(byte[] key) => Key = key;

    /// <summary>The 32 key bytes.</summary>
    internal byte[] Key { get; }

    /// <summary>Resolves the key from configuration, or generates the default file (mode 0600).</summary>
    public static KeyEncryptionKey Resolve(PlatformOptions options, ILogger logger)
    {
        if (string.Equals(options.Keys.KeyEncryptionKeySource, "Pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            return FromBytes(Pkcs11.Pkcs11WrappedKek.Resolve(options, logger), "the PKCS#11-wrapped key-encryption key");
        }

        if (options.Keys.KeyEncryptionKeySource is { } source && !string.Equals(source, "File", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Platform:Keys:KeyEncryptionKeySource '{source}' is not one of File, Pkcs11.");
        }

        if (!string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKey))
        {
            byte[] configured;
            try
            {
                configured = Convert.FromBase64String(options.Keys.KeyEncryptionKey);
            }
            catch (FormatException)
            {
                // The value is a secret: name the setting, never echo it.
                throw new InvalidOperationException("Platform:Keys:KeyEncryptionKey must be 32 bytes in base64; the configured value is not base64.");
            }

            return FromBytes(configured, "Platform:Keys:KeyEncryptionKey");
        }

        var configuredFile = options.Keys.KeyEncryptionKeyFile;
        var file = configuredFile ?? Path.Combine(options.DataDirectoryPath, "kek.bin");
        if (File.Exists(file))
        {
            return FromBytes(File.ReadAllBytes(file), file);
        }

        if (configuredFile is not null)
        {
            throw new InvalidOperationException($"The key-encryption key file {file} does not exist.");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        SecureFile.WriteNew(file, key);
        LogGeneratedDefault(logger, file);
        return new KeyEncryptionKey(key);
    }

    /// <summary>Wraps 32 bytes (tests, and keys from configuration).</summary>
    public static KeyEncryptionKey FromBytes(byte[] key, string source) => key.Length == 32
        ? new KeyEncryptionKey(key)
        : throw new InvalidOperationException($"The key-encryption key from {source} must be 32 bytes, not {key.Length}.");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Generated a key-encryption key at {File}. Production should supply its own in Platform:Keys:KeyEncryptionKey or Platform:Keys:KeyEncryptionKeyFile.")]
    private static partial void LogGeneratedDefault(ILogger logger, string file);
}
