using Microsoft.Extensions.DependencyInjection;
using Platform.Cryptography;
using Platform.Hosting;
using System.Security.Cryptography;

namespace Platform.Keys;

/// <summary>
/// Moves everything the platform keeps under its key-encryption key (KEK) to a new one: the
/// modules' sealed secrets (every <see cref="ISealedSecretStore"/>) and the software key files
/// (<c>&lt;data&gt;/keys/*.key</c>), then the KEK itself where the platform owns it.
/// <para>
/// Everything is checked first, so a wrong old KEK changes nothing. Then each store is re-sealed in
/// one transaction, then each file replaced atomically, then the KEK installed. A crash in between
/// leaves every store and file under the old or the new KEK (the configured KEK still the old one);
/// a value or file the new KEK already opens is skipped, so running it again finishes the job. The
/// platform must not be started in between: it would find the re-sealed secrets unreadable (and
/// replace the token-encryption key, voiding codes and refresh tokens).
/// </para>
/// The platform must be stopped: it caches opened keys and creates new ones under the old KEK.
/// </summary>
public static class SoftwareKeyRewrap
{
    /// <summary>
    /// Rewraps the keys of the data directory in <paramref name="options"/> and re-seals the stores
    /// registered in <paramref name="services"/> (the host's, built with the server's configuration);
    /// see <see cref="RewrapResult"/>.
    /// </summary>
    public static Task<RewrapResult> RunAsync(PlatformOptions options, byte[] newKek, IServiceProvider services, CancellationToken cancellationToken = default) =>
        RunAsync(options, newKek, services, stopAfter: null, cancellationToken);

    /// <summary>As <see cref="RunAsync(PlatformOptions, byte[], IServiceProvider, CancellationToken)"/>; <paramref name="stopAfter"/> stops after the stores and that many files (tests of an interrupted run).</summary>
    internal static async Task<RewrapResult> RunAsync(PlatformOptions options, byte[] newKek, IServiceProvider services, int? stopAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var next = KeyEncryptionKey.FromBytes(newKek, "the new key-encryption key");
        var (current, source) = CurrentKek(options);
        var directory = Path.Combine(options.DataDirectoryPath, "keys");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.key").Order(StringComparer.Ordinal).ToArray() : [];

        // Check every file first so a wrong old KEK changes nothing.
        var pending = new List<(string File, string Id, KeyAlgorithm Algorithm, byte[] SealedKey)>();
        foreach (var file in files)
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var (algorithm, sealedKey) = SoftwareKeyStore.Parse(id, File.ReadAllText(file));
            if (Opens(next, id, algorithm, sealedKey))
            {
                continue;
            }

            if (!Opens(current, id, algorithm, sealedKey))
            {
                throw new InvalidOperationException($"The key file {file} opens under neither the configured key-encryption key ({source}) nor the new one; nothing was changed.");
            }

            pending.Add((file, id, algorithm, sealedKey));
        }

        // Only now: getting a store opens its database (on SQLite, creates the file), which a refusal above must not do.
        var stores = services.GetServices<ISealedSecretStore>().ToList();
        var currentSealer = new SecretSealer(current);
        var nextSealer = new SecretSealer(next);
        foreach (var store in stores)
        {
            await store.CheckAsync(currentSealer, nextSealer, cancellationToken);
        }

        var resealed = 0;
        foreach (var store in stores)
        {
            resealed += await store.ResealAsync(currentSealer, nextSealer, cancellationToken);
        }

        var rewrapped = 0;
        foreach (var (file, id, algorithm, sealedKey) in pending)
        {
            if (rewrapped == stopAfter)
            {
                return new RewrapResult(rewrapped, files.Length - pending.Count, resealed, null, null);
            }

            var pkcs8 = SoftwareKeyStore.Open(current, id, algorithm, sealedKey);
            try
            {
                SecureFile.Replace(file, SoftwareKeyStore.Format(algorithm, SoftwareKeyStore.Seal(next, id, algorithm, pkcs8)));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }

            rewrapped++;
        }

        var (installed, instruction) = Install(options, current, newKek, source);
        return new RewrapResult(rewrapped, files.Length - pending.Count, resealed, installed, instruction);
    }

    private static bool Opens(KeyEncryptionKey kek, string id, KeyAlgorithm algorithm, byte[] sealedKey)
    {
        try
        {
            CryptographicOperations.ZeroMemory(SoftwareKeyStore.Open(kek, id, algorithm, sealedKey));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static (KeyEncryptionKey Kek, string Source) CurrentKek(PlatformOptions options)
    {
        if (string.Equals(options.Keys.KeyEncryptionKeySource, "Pkcs11", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("keys rewrap does not yet rewrap a PKCS#11-wrapped key-encryption key (Platform:Keys:KeyEncryptionKeySource Pkcs11); nothing was changed.");
        }

        // Resolve would generate a default kek.bin when missing: a rewrap must not invent the old key.
        if (string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKey))
        {
            var file = options.Keys.KeyEncryptionKeyFile ?? DefaultFile(options);
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"The key-encryption key file {file} does not exist; nothing was changed.");
            }

            return (KeyEncryptionKey.FromBytes(File.ReadAllBytes(file), file), file);
        }

        return (KeyEncryptionKey.Resolve(options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), "Platform:Keys:KeyEncryptionKey");
    }

    private static (string? Installed, string? Instruction) Install(PlatformOptions options, KeyEncryptionKey current, byte[] newKek, string source)
    {
        if (!string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKey) || options.Keys.KeyEncryptionKeyFile is not null)
        {
            // The operator owns this setting (a secret store, an environment variable, a mounted file).
            return (null, $"The keys are now under the new key-encryption key: set {(options.Keys.KeyEncryptionKeyFile is not null && string.IsNullOrWhiteSpace(options.Keys.KeyEncryptionKey) ? "Platform:Keys:KeyEncryptionKeyFile to the new key's file (or replace " + source + " with it)" : "Platform:Keys:KeyEncryptionKey (Platform__Keys__KeyEncryptionKey) to the new key in base64")} before starting the platform.");
        }

        var file = DefaultFile(options);
        if (!CryptographicOperations.FixedTimeEquals(current.Key, newKek))
        {
            // Old key aside first: after a crash between the two writes kek.bin still holds the old key,
            // and a second run finds the files already under the new one and completes.
            SecureFile.Replace(file + ".old", current.Key);
            SecureFile.Replace(file, newKek);
        }

        return (file, null);
    }

    private static string DefaultFile(PlatformOptions options) => Path.Combine(options.DataDirectoryPath, "kek.bin");
}

/// <summary>The outcome of <see cref="SoftwareKeyRewrap"/>.</summary>
/// <param name="Rewrapped">Files re-encrypted by this run.</param>
/// <param name="AlreadyNew">Files found already under the new key (an earlier, interrupted run).</param>
/// <param name="Resealed">Sealed secrets of the modules' stores re-sealed by this run (those already under the new key are not counted).</param>
/// <param name="InstalledFile">The default <c>kek.bin</c> now holding the new key (the old one is <c>kek.bin.old</c>), or null.</param>
/// <param name="Instruction">What the operator must change when the key comes from their configuration, or null.</param>
public sealed record RewrapResult(int Rewrapped, int AlreadyNew, int Resealed, string? InstalledFile, string? Instruction);
