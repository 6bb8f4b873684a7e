using Microsoft.IdentityModel.Tokens;
using Platform.Keys;
using System.Collections.Concurrent;

namespace Identity.Signing;

/// <summary>
/// The key ring and encryption key this node loaded at start, in memory, so OpenIddict's options
/// (built synchronously, and rebuilt at each change of signer) never wait on the database.
/// Credentials are made once per key and reused, so every rebuild publishes the same objects.
/// </summary>
internal sealed class SigningKeyRingState(IKeyStore store)
{
    private readonly ConcurrentDictionary<string, SigningCredentials> credentials = new(StringComparer.Ordinal);
    private volatile SigningKeyRing? ring;
    private volatile EncryptingCredentials? encryption;
    private volatile CancellationTokenSource replaced = new();

    /// <summary>The loaded ring, or null before the start-up task ran.</summary>
    public SigningKeyRing? Ring => ring;

    /// <summary>The token-encryption credentials, or null before the start-up task ran.</summary>
    public EncryptingCredentials? Encryption => encryption;

    /// <summary>Cancelled when the ring is replaced, so the options are rebuilt from the new one.</summary>
    public CancellationToken Replaced => replaced.Token;

    /// <summary>Installs a ring and the encryption key, and tells the options to rebuild.</summary>
    public void Load(SigningKeyRing newRing, EncryptingCredentials newEncryption)
    {
        ring = newRing;
        encryption = newEncryption;
        // Not disposed: a listener may still read the old token; cancelling is what matters.
        Interlocked.Exchange(ref replaced, new CancellationTokenSource()).Cancel();
    }

    /// <summary>The credentials of a ring key, opened from the key store on first use.</summary>
    public SigningCredentials CredentialsOf(SigningKeyEntry key) =>
        credentials.GetOrAdd(key.KeyId, _ => KeyStoreSigningCredentials.Create(store.Open(key.KeyId), key.Algorithm));
}
