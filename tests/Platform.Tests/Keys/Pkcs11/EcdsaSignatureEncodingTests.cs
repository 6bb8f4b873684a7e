using Platform.Keys.Pkcs11;

namespace Platform.Tests.Keys.Pkcs11;

public sealed class EcdsaSignatureEncodingTests
{
    [Fact]
    public void EcdsaToDer_HalvesWithLeadingZeros_EncodesMinimalIntegersThatDotNetAccepts()
    {
        // r = 0x00 0x00 0x7f ..., s = 0x00 0x80 ...: both need trimming, s then a sign byte.
        var raw = new byte[64];
        raw[2] = 0x7f;
        raw[31] = 0x01;
        raw[33] = 0x80;
        raw[63] = 0x02;

        var der = Pkcs11Algorithms.EcdsaToDer(raw);

        Assert.Equal(0x30, der[0]);
        Assert.Equal(0x02, der[2]);
        Assert.Equal(30, der[3]);
        Assert.Equal(raw, ToIeeeP1363(der));
    }

    [Fact]
    public void EcdsaToDer_OddLength_Throws() =>
        Assert.Throws<Platform.Keys.KeyStoreUnavailableException>(() => Pkcs11Algorithms.EcdsaToDer(new byte[63]));

    private static byte[] ToIeeeP1363(byte[] der)
    {
        // A strict DER reader: it refuses integers with redundant leading bytes.
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadIntegerBytes().ToArray().SkipWhile(b => b == 0).ToArray();
        var s = reader.ReadIntegerBytes().ToArray().SkipWhile(b => b == 0).ToArray();
        var result = new byte[64];
        r.CopyTo(result, 32 - r.Length);
        s.CopyTo(result, 64 - s.Length);
        return result;
    }
}
