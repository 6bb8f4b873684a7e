using Microsoft.IdentityModel.Tokens;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Identity.Signing;

/// <summary>Turns a key-store key into the signing credentials OpenIddict signs and publishes with.</summary>
internal static class KeyStoreSigningCredentials
{
    /// <summary>
    /// Credentials for <paramref name="storeKey"/> under <paramref name="algorithm"/>, with the key
    /// store's id as <c>kid</c>. Throws <see cref="InvalidOperationException"/> when the key cannot
    /// sign that way (an RSA key from a store that offers no PSS, a key of another type).
    /// </summary>
    public static SigningCredentials Create(ISigningKey storeKey, TokenSigningAlgorithm algorithm)
    {
        if (storeKey.Algorithm != algorithm.Key)
        {
            throw new InvalidOperationException($"Key {storeKey.Id} is {storeKey.Algorithm.Name()}; it cannot sign {algorithm.Jws}.");
        }

        var signer = storeKey.Scheme == algorithm.Scheme ? storeKey
            : storeKey is ISchemeSelectable selectable ? selectable.WithScheme(algorithm.Scheme)
            : throw new InvalidOperationException($"The key store cannot sign {algorithm.Jws} with key {storeKey.Id}.");

        AsymmetricSecurityKey key;
        if (algorithm.Scheme is SignatureScheme.EcdsaSha256)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(storeKey.SubjectPublicKeyInfo.Span, out _);
            key = new KeyStoreECDsaSecurityKey(ecdsa) { KeyId = storeKey.Id };
        }
        else
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(storeKey.SubjectPublicKeyInfo.Span, out _);
            key = new KeyStoreRsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = storeKey.Id };
        }

        key.CryptoProviderFactory = new KeyStoreCryptoProviderFactory(key, algorithm.Jws, signer);
        return new SigningCredentials(key, algorithm.Jws);
    }
}
