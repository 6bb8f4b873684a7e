using Microsoft.IdentityModel.Tokens;
using Platform.Cryptography;

namespace Identity.Signing;

/// <summary>A JWS algorithm the provider signs tokens with, and the key-store key and scheme that make it.</summary>
/// <param name="Jws">The JWS <c>alg</c> name (RFC 7518).</param>
/// <param name="Key">The key type created in the key store.</param>
/// <param name="Scheme">The scheme the key signs with.</param>
internal sealed record TokenSigningAlgorithm(string Jws, KeyAlgorithm Key, SignatureScheme Scheme)
{
    /// <summary>
    /// The algorithm the settings name; throws <see cref="InvalidOperationException"/> naming the
    /// setting for anything else, so a typo refuses to start instead of signing with a default.
    /// </summary>
    public static TokenSigningAlgorithm From(SigningOptions options)
    {
        var rsa = options.SigningRsaKeySize switch
        {
            2048 => KeyAlgorithm.Rsa2048,
            3072 => KeyAlgorithm.Rsa3072,
            _ => throw new InvalidOperationException($"Identity:SigningRsaKeySize must be 2048 or 3072, not {options.SigningRsaKeySize}."),
        };
        return options.SigningAlgorithm switch
        {
            SecurityAlgorithms.EcdsaSha256 => new(SecurityAlgorithms.EcdsaSha256, KeyAlgorithm.EcdsaP256, SignatureScheme.EcdsaSha256),
            SecurityAlgorithms.RsaSha256 => new(SecurityAlgorithms.RsaSha256, rsa, SignatureScheme.RsaPkcs1Sha256),
            SecurityAlgorithms.RsaSsaPssSha256 => new(SecurityAlgorithms.RsaSsaPssSha256, rsa, SignatureScheme.RsaPssSha256),
            // OpenIddict's JWKS endpoint publishes only RSA and ECDSA keys and skips any other,
            // so clients could never verify an EdDSA token: refuse rather than sign unverifiable tokens.
            "EdDSA" => throw new InvalidOperationException(
                "Identity:SigningAlgorithm EdDSA is not supported: the OpenID Connect server publishes only RSA and ECDSA keys in its JWKS. Use ES256, RS256 or PS256."),
            _ => throw new InvalidOperationException($"Identity:SigningAlgorithm '{options.SigningAlgorithm}' is not one of ES256, RS256, PS256."),
        };
    }

    /// <summary>The algorithm of a key already in the ring, by its JWS name.</summary>
    public static TokenSigningAlgorithm FromJws(string jws, KeyAlgorithm key) => jws switch
    {
        SecurityAlgorithms.EcdsaSha256 => new(jws, key, SignatureScheme.EcdsaSha256),
        SecurityAlgorithms.RsaSha256 => new(jws, key, SignatureScheme.RsaPkcs1Sha256),
        SecurityAlgorithms.RsaSsaPssSha256 => new(jws, key, SignatureScheme.RsaPssSha256),
        _ => throw new InvalidOperationException($"The identity key ring names an unknown algorithm '{jws}'."),
    };
}
