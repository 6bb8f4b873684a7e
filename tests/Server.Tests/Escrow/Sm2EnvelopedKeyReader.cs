using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;

namespace Server.Tests.Escrow;

/// <summary>
/// Opens a GM/T 0009-2012 §7.4 SM2EnvelopedKey with Bouncy Castle's own SM2 and SM4 engines
/// (OpenSSL 3.0 has no SM2 envelope): the SM4 key from the SM2Cipher, then the private key.
/// </summary>
public static class Sm2EnvelopedKeyReader
{
    /// <summary>The SM4 ECB algorithm identifier GM/T 0006 gives.</summary>
    public const string Sm4Ecb = "1.2.156.10197.1.104.1";

    /// <summary>The protected pair's public point (uncompressed) and private scalar, opened with <paramref name="recipient"/>.</summary>
    public static (byte[] PublicPoint, Org.BouncyCastle.Math.BigInteger PrivateKey, string SymmetricAlgorithm) Open(byte[] der, AsymmetricKeyParameter recipient)
    {
        var envelope = Asn1Sequence.GetInstance(der);
        Assert.Equal(4, envelope.Count);
        var algorithm = AlgorithmIdentifier.GetInstance(envelope[0]).Algorithm.Id;
        var cipher = Asn1Sequence.GetInstance(envelope[1]);
        var x = BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[0]).Value);
        var y = BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[1]).Value);
        var hash = Asn1OctetString.GetInstance(cipher[2]).GetOctets();
        var text = Asn1OctetString.GetInstance(cipher[3]).GetOctets();
        byte[] raw = [0x04, .. x, .. y, .. hash, .. text];

        var sm2 = new SM2Engine(SM2Engine.Mode.C1C3C2);
        sm2.Init(false, recipient);
        var sm4Key = sm2.ProcessBlock(raw, 0, raw.Length);

        var encrypted = DerBitString.GetInstance(envelope[3]).GetOctets();
        var sm4 = new SM4Engine();
        sm4.Init(false, new KeyParameter(sm4Key));
        var privateKey = new byte[encrypted.Length];
        for (var offset = 0; offset < encrypted.Length; offset += 16)
        {
            sm4.ProcessBlock(encrypted, offset, privateKey, offset);
        }

        return (DerBitString.GetInstance(envelope[2]).GetOctets(), new Org.BouncyCastle.Math.BigInteger(1, privateKey), algorithm);
    }
}
