using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Platform.Cryptography.Cms;
using System.Security.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// Writes the key-pair protection structure of GM/T 0009-2012 §7.4, with which an SM2 CA hands
/// out an encryption key pair it generated (GM/T 0014):
/// <code>
/// SM2EnvelopedKey ::= SEQUENCE {
///     symAlgID               AlgorithmIdentifier,  -- SM4 in ECB mode, 1.2.156.10197.1.104.1
///     symEncryptedKey        SM2Cipher,            -- the SM4 key, SM2-encrypted to the recipient
///     sm2PublicKey           SM2PublicKey,         -- BIT STRING 04 || X || Y of the protected pair
///     sm2EncryptedPrivateKey BIT STRING }          -- the 32-byte private key, SM4-ECB under that key
/// SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32), CipherText OCTET STRING }
/// </code>
/// SM2 encryption is the platform's one <see cref="Sm2Cipher"/> (GM/T 0003.4 with SM3, as the SM2Cipher of GM/T 0009 §7.2).
/// </summary>
internal static class Sm2EnvelopedKeyWriter
{
    /// <summary>SM4 in ECB mode (GM/T 0006).</summary>
    public static readonly DerObjectIdentifier Sm4Ecb = new("1.2.156.10197.1.104.1");

    private const int CoordinateBytes = 32;

    /// <summary>The SM2EnvelopedKey of the SM2 key <paramref name="pkcs8"/> for <paramref name="recipient"/>, an SM2 public key.</summary>
    public static byte[] Seal(ECPublicKeyParameters recipient, byte[] pkcs8)
    {
        var key = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(pkcs8);
        var privateKey = BigIntegers.AsUnsignedByteArray(CoordinateBytes, key.D);
        var sm4Key = RandomNumberGenerator.GetBytes(16);
        try
        {
            var publicPoint = key.Parameters.G.Multiply(key.D).Normalize().GetEncoded(false);
            return new DerSequence(
                new AlgorithmIdentifier(Sm4Ecb),
                Sm2Cipher.Encrypt(recipient, sm4Key),
                new DerBitString(publicPoint),
                new DerBitString(Sm4EcbEncrypt(sm4Key, privateKey))).GetDerEncoded();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
            CryptographicOperations.ZeroMemory(sm4Key);
        }
    }

    private static byte[] Sm4EcbEncrypt(byte[] key, byte[] plaintext)
    {
        // The private key is two whole blocks: ECB needs no padding (GM/T 0009 fixes its length).
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var output = new byte[plaintext.Length];
        for (var offset = 0; offset < plaintext.Length; offset += engine.GetBlockSize())
        {
            engine.ProcessBlock(plaintext, offset, output, offset);
        }

        return output;
    }
}
