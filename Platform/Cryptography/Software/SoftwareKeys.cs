using NSec.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using System.Security.Cryptography;

namespace Platform.Cryptography.Software;

/// <summary>Generates and loads private keys held in memory as PKCS#8 (RFC 5958).</summary>
public static class SoftwareKeys
{
    /// <summary>Generates a new key and returns it as PKCS#8 DER. The caller must protect it.</summary>
    public static byte[] Generate(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => GenerateRsa(2048),
        KeyAlgorithm.Rsa3072 => GenerateRsa(3072),
        KeyAlgorithm.Rsa4096 => GenerateRsa(4096),
        KeyAlgorithm.EcdsaP256 => GenerateEc(ECCurve.NamedCurves.nistP256),
        KeyAlgorithm.EcdsaP384 => GenerateEc(ECCurve.NamedCurves.nistP384),
        KeyAlgorithm.Ed25519 => GenerateEd25519(),
        KeyAlgorithm.Sm2 => GenerateSm2(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>
    /// Opens a PKCS#8 key as a signing key. <paramref name="scheme"/> defaults to the
    /// algorithm's usual scheme (PKCS#1 v1.5 SHA-256 for RSA; PSS must be asked for).
    /// </summary>
    public static ISigningKey Load(string id, KeyAlgorithm algorithm, ReadOnlySpan<byte> pkcs8, SignatureScheme? scheme = null)
    {
        var chosen = scheme ?? algorithm.DefaultScheme();
        if (!algorithm.Supports(chosen))
        {
            throw new ArgumentException($"A {algorithm.Name()} key cannot sign with {chosen}.", nameof(scheme));
        }

        return algorithm switch
        {
            KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096 => RsaSigningKey.Load(id, algorithm, chosen, pkcs8),
            KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 => EcdsaSigningKey.Load(id, algorithm, chosen, pkcs8),
            KeyAlgorithm.Ed25519 => Ed25519SigningKey.Load(id, pkcs8),
            KeyAlgorithm.Sm2 => Sm2SigningKey.Load(id, pkcs8),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
    }

    /// <summary>Generates a key and opens it at once (for tests and short-lived keys).</summary>
    public static ISigningKey Create(KeyAlgorithm algorithm, SignatureScheme? scheme = null) =>
        Load(Guid.NewGuid().ToString("n"), algorithm, Generate(algorithm), scheme);

    private static byte[] GenerateRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] GenerateEc(ECCurve curve)
    {
        using var ecdsa = ECDsa.Create(curve);
        return ecdsa.ExportPkcs8PrivateKey();
    }

    private static byte[] GenerateEd25519()
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var key = Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519, parameters);
        return key.Export(KeyBlobFormat.PkixPrivateKey);
    }

    private static byte[] GenerateSm2()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2.Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
    }
}
