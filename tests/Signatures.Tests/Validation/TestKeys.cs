using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Signatures.Tests.Validation;

/// <summary>Key pairs of every algorithm the validator accepts, and the Bouncy Castle signature name for each.</summary>
internal static class TestKeys
{
    private static readonly SecureRandom Random = new();

    public static (AsymmetricCipherKeyPair Pair, string Algorithm) Ecdsa() => (Ec(ECNamedCurveTable.GetOid("P-256")), "SHA256WITHECDSA");

    public static (AsymmetricCipherKeyPair Pair, string Algorithm) EcdsaP384() => (Ec(ECNamedCurveTable.GetOid("P-384")), "SHA384WITHECDSA");

    public static (AsymmetricCipherKeyPair Pair, string Algorithm) Sm2() => (Ec(GMObjectIdentifiers.sm2p256v1), "SM3WITHSM2");

    public static (AsymmetricCipherKeyPair Pair, string Algorithm) Rsa(bool pss = false)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(Org.BouncyCastle.Math.BigInteger.ValueOf(65537), Random, 2048, 80));
        return (generator.GenerateKeyPair(), pss ? "SHA256WITHRSAANDMGF1" : "SHA256WITHRSA");
    }

    public static (AsymmetricCipherKeyPair Pair, string Algorithm) Ed25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(Random));
        return (generator.GenerateKeyPair(), "Ed25519");
    }

    private static AsymmetricCipherKeyPair Ec(Org.BouncyCastle.Asn1.DerObjectIdentifier curve)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(curve, Random));
        return generator.GenerateKeyPair();
    }
}
