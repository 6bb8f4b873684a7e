using Microsoft.IdentityModel.Tokens;
using Platform.Cryptography;

namespace Identity.Signing;

/// <summary>
/// The crypto provider of one key-store key: signing goes to the store (the security key holds
/// only the public key), and the key claims only the one JWS algorithm it was created for.
/// </summary>
internal sealed class KeyStoreCryptoProviderFactory : CryptoProviderFactory
{
    private readonly string algorithm;
    private readonly KeyStoreSignatureProvider provider;

    public KeyStoreCryptoProviderFactory(SecurityKey key, string algorithm, ISigningKey signingKey)
    {
        this.algorithm = algorithm;
        provider = new KeyStoreSignatureProvider(key, algorithm, signingKey);
        // The default cache would hold providers per key; ours is one object per key already.
        CacheSignatureProviders = false;
    }

    public override bool IsSupportedAlgorithm(string algorithm) => algorithm == this.algorithm;

    public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key) =>
        algorithm == this.algorithm && ReferenceEquals(key, provider.Key);

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm) => CreateForSigning(key, algorithm, cacheProvider: false);

    public override SignatureProvider CreateForSigning(SecurityKey key, string algorithm, bool cacheProvider) => Provider(key, algorithm);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) => CreateForVerifying(key, algorithm, cacheProvider: false);

    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider) => Provider(key, algorithm);

    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
        // Shared and owned here: callers release what they were given, and nothing is freed.
    }

    private KeyStoreSignatureProvider Provider(SecurityKey key, string requested) =>
        ReferenceEquals(key, provider.Key) && requested == algorithm
            ? provider
            : throw new NotSupportedException($"Key {provider.Key.KeyId} signs only with {algorithm}, not {requested}.");
}
