using Platform.Cryptography;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Platform.Tests.Cryptography;

public sealed class EcdsaSignatureEncodingTests
{
    [Fact]
    public void DerToFixed_HighBitAndShortIntegers_PadsEachToTheField()
    {
        // r has its high bit set (DER adds a 0x00), s is short (a leading zero byte dropped by DER).
        var r = Enumerable.Repeat((byte)0xff, 32).ToArray();
        var s = new byte[32];
        s[31] = 0x01;
        var der = Der(r, s);

        var jws = EcdsaSignatureEncoding.DerToFixed(der, 32);

        Assert.Equal(64, jws.Length);
        Assert.Equal(r, jws[..32]);
        Assert.Equal(s, jws[32..]);
        Assert.Equal(der, EcdsaSignatureEncoding.FixedToDer(jws, 32));
    }

    [Fact]
    public void DerToFixed_MatchesDotNetsOwnConversion()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "payload"u8.ToArray();
        var der = ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var jws = EcdsaSignatureEncoding.DerToFixed(der, 32);

        Assert.True(ecdsa.VerifyData(data, jws, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void DerToFixed_IntegerLongerThanTheField_Throws()
    {
        var der = Der(Enumerable.Repeat((byte)0x7f, 33).ToArray(), [1]);

        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.DerToFixed(der, 32));
    }

    [Fact]
    public void DerToFixed_TrailingBytes_Throws()
    {
        var der = Der([1], [1]).Concat(new byte[] { 0 }).ToArray();

        Assert.ThrowsAny<Exception>(() => EcdsaSignatureEncoding.DerToFixed(der, 32));
    }

    [Fact]
    public void FixedToDer_WrongLength_Throws()
    {
        Assert.Throws<CryptographicException>(() => EcdsaSignatureEncoding.FixedToDer(new byte[63], 32));
    }

    private static byte[] Der(byte[] r, byte[] s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new System.Numerics.BigInteger(r, isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new System.Numerics.BigInteger(s, isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }
}
