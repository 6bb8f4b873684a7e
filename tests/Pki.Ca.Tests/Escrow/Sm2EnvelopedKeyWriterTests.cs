using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Pki.Ca.Escrow;

namespace Pki.Ca.Tests.Escrow;

/// <summary>
/// The GM/T 0009 SM2EnvelopedKey the escrow writes: its shape, the SM4 key recovered by Bouncy
/// Castle's SM2 decryption, and a tampered envelope refused by SM2's own hash check.
/// </summary>
public sealed class Sm2EnvelopedKeyWriterTests
{
    private static readonly ECNamedDomainParameters Domain = new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    [Fact]
    public void Seal_HoldsTheSm4KeyUnderSm2_AndThePairUnderSm4()
    {
        var (recipient, protectedPair) = (Pair(), Pair());
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(protectedPair.Private).GetDerEncoded();

        var envelope = Asn1Sequence.GetInstance(Sm2EnvelopedKeyWriter.Seal((ECPublicKeyParameters)recipient.Public, pkcs8));

        Assert.Equal(4, envelope.Count);
        Assert.Equal("1.2.156.10197.1.104.1", Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(envelope[0]).Algorithm.Id);
        var sm4Key = Sm2Decrypt(Asn1Sequence.GetInstance(envelope[1]), recipient.Private);
        Assert.Equal(16, sm4Key.Length);
        Assert.Equal(((ECPublicKeyParameters)protectedPair.Public).Q.GetEncoded(false), DerBitString.GetInstance(envelope[2]).GetOctets());
        var sm4 = new SM4Engine();
        sm4.Init(false, new KeyParameter(sm4Key));
        var encrypted = DerBitString.GetInstance(envelope[3]).GetOctets();
        var privateKey = new byte[32];
        sm4.ProcessBlock(encrypted, 0, privateKey, 0);
        sm4.ProcessBlock(encrypted, 16, privateKey, 16);
        Assert.Equal(((ECPrivateKeyParameters)protectedPair.Private).D, new Org.BouncyCastle.Math.BigInteger(1, privateKey));
    }

    [Fact]
    public void Seal_TamperedSymmetricKeyCiphertext_FailsSm2sHashCheck()
    {
        var (recipient, protectedPair) = (Pair(), Pair());
        var envelope = Asn1Sequence.GetInstance(Sm2EnvelopedKeyWriter.Seal((ECPublicKeyParameters)recipient.Public,
            PrivateKeyInfoFactory.CreatePrivateKeyInfo(protectedPair.Private).GetDerEncoded()));
        var cipher = Asn1Sequence.GetInstance(envelope[1]);
        var text = Asn1OctetString.GetInstance(cipher[3]).GetOctets();
        text[0] ^= 0x01;
        var tampered = new DerSequence(cipher[0], cipher[1], cipher[2], new DerOctetString(text));

        Assert.Throws<InvalidCipherTextException>(() => Sm2Decrypt(tampered, recipient.Private));
    }

    private static AsymmetricCipherKeyPair Pair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    /// <summary>SM2Cipher (GM/T 0009 §7.2) back into C1 ‖ C3 ‖ C2, decrypted by Bouncy Castle's engine.</summary>
    private static byte[] Sm2Decrypt(Asn1Sequence cipher, AsymmetricKeyParameter key)
    {
        byte[] raw =
        [
            0x04, .. Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[0]).Value),
            .. Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[1]).Value),
            .. Asn1OctetString.GetInstance(cipher[2]).GetOctets(), .. Asn1OctetString.GetInstance(cipher[3]).GetOctets(),
        ];
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, key);
        return engine.ProcessBlock(raw, 0, raw.Length);
    }
}
