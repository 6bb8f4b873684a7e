using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace Platform.Cryptography.Cms;

/// <summary>
/// SM2 public-key encryption (GM/T 0003.4 with SM3) in the ASN.1 form of GM/T 0009 §7.2, the one
/// way the platform writes and reads it (CMS key transport to SM2, GM/T 0009 SM2EnvelopedKey):
/// <code>
/// SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32), CipherText OCTET STRING }
/// </code>
/// which carries Bouncy Castle's C1 || C3 || C2 output (C1 the point 04 || x || y, C3 the SM3 hash, C2 the ciphertext).
/// </summary>
public static class Sm2Cipher
{
    private const int CoordinateBytes = 32;
    private const int HashBytes = 32;

    /// <summary>The SM2Cipher of <paramref name="plaintext"/> for <paramref name="recipient"/>, an SM2 public key.</summary>
    public static DerSequence Encrypt(ECPublicKeyParameters recipient, ReadOnlySpan<byte> plaintext)
    {
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(recipient, new SecureRandom()));
        var input = plaintext.ToArray();
        var raw = engine.ProcessBlock(input, 0, input.Length);
        Array.Clear(input);
        const int c1 = 1 + 2 * CoordinateBytes;
        return new DerSequence(
            new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw, 1, CoordinateBytes)),
            new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw, 1 + CoordinateBytes, CoordinateBytes)),
            new DerOctetString(raw.AsSpan(c1, HashBytes).ToArray()),
            new DerOctetString(raw.AsSpan(c1 + HashBytes).ToArray()));
    }

    /// <summary>
    /// The plaintext of the DER SM2Cipher <paramref name="der"/> under <paramref name="key"/>, an SM2
    /// private key; null when it is not an SM2Cipher or does not decrypt (another key, altered bytes).
    /// </summary>
    public static byte[]? Decrypt(ECPrivateKeyParameters key, byte[] der)
    {
        try
        {
            var cipher = Asn1Sequence.GetInstance(der);
            if (cipher.Count != 4)
            {
                return null;
            }

            var x = DerInteger.GetInstance(cipher[0]).Value;
            var y = DerInteger.GetInstance(cipher[1]).Value;
            var hash = Asn1OctetString.GetInstance(cipher[2]).GetOctets();
            var text = Asn1OctetString.GetInstance(cipher[3]).GetOctets();
            if (x.SignValue < 0 || y.SignValue < 0 || x.BitLength > 8 * CoordinateBytes || y.BitLength > 8 * CoordinateBytes || hash.Length != HashBytes || text.Length == 0)
            {
                return null;
            }

            byte[] raw = [0x04, .. BigIntegers.AsUnsignedByteArray(CoordinateBytes, x), .. BigIntegers.AsUnsignedByteArray(CoordinateBytes, y), .. hash, .. text];
            var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            engine.Init(false, key);
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e) when (e is InvalidCipherTextException or ArgumentException or InvalidCastException or InvalidOperationException or IOException)
        {
            // A point off the curve, a hash that does not match: not this key's ciphertext.
            return null;
        }
    }
}
