using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// Converts ECDSA signatures between the DER <c>SEQUENCE { r, s }</c> the key store returns
/// (X.509's form) and the fixed-length <c>r ‖ s</c> that JWS (RFC 7518 §3.4) and HTTP Message
/// Signatures (RFC 9421 §3.3.4) require.
/// </summary>
public static class EcdsaSignatureEncoding
{
    /// <summary>The fixed-length form of a DER signature, each integer left-padded to <paramref name="fieldBytes"/>.</summary>
    public static byte[] DerToFixed(ReadOnlySpan<byte> der, int fieldBytes)
    {
        var reader = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadIntegerBytes().Span;
        var s = sequence.ReadIntegerBytes().Span;
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        var output = new byte[2 * fieldBytes];
        Write(r, output.AsSpan(0, fieldBytes));
        Write(s, output.AsSpan(fieldBytes));
        return output;
    }

    /// <summary>The DER form of a fixed-length signature; throws <see cref="CryptographicException"/> for a wrong length.</summary>
    public static byte[] FixedToDer(ReadOnlySpan<byte> jws, int fieldBytes)
    {
        if (jws.Length != 2 * fieldBytes)
        {
            throw new CryptographicException($"A fixed-length ECDSA signature here is {2 * fieldBytes} bytes, not {jws.Length}.");
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(jws[..fieldBytes], isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(jws[fieldBytes..], isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }

    private static void Write(ReadOnlySpan<byte> integer, Span<byte> field)
    {
        // DER adds a leading zero to keep a high bit positive; the fixed-length field has no sign.
        var magnitude = integer.TrimStart((byte)0);
        if (magnitude.Length > field.Length)
        {
            throw new CryptographicException("The ECDSA signature has an integer longer than the curve's field.");
        }

        magnitude.CopyTo(field[(field.Length - magnitude.Length)..]);
    }
}
