using Platform.Cryptography;
using Platform.Cryptography.Cms;

namespace Platform.Tests.Cryptography.Cms;

/// <summary>Bytes that are not an envelope the platform opens are values, never exceptions.</summary>
public sealed class CmsEnvelopeReaderTests
{
    [Fact]
    public void Read_TruncatedEnvelope_IsMalformed()
    {
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256);
        var der = CmsEnvelopeWriter.Seal("truncated"u8, recipient.Recipient);

        var reading = CmsEnvelopeReader.Read(der.AsSpan(0, der.Length - 10));

        Assert.Null(reading.Envelope);
        Assert.Equal(CmsEnvelopeErrorKind.Malformed, reading.Error!.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0500")]
    [InlineData("3000")]
    [InlineData("300d06092a864886f70d010701a000")]
    [InlineData("3080060000000000")]
    [InlineData("301306092a864886f70d010703a0063004020100")]
    public void Read_NotAnEnvelope_IsMalformed(string hex)
    {
        var reading = CmsEnvelopeReader.Read(Convert.FromHexString(hex));

        Assert.Equal(CmsEnvelopeErrorKind.Malformed, reading.Error!.Kind);
    }

    [Fact]
    public void Read_UnknownContentCipher_IsAlgorithmUnsupported()
    {
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048);
        var der = CmsEnvelopeWriter.Seal("des"u8, recipient.Recipient, CmsContentEncryption.Aes256Cbc);
        // AES-256-CBC's OID 2.16.840.1.101.3.4.1.42 becomes ...1.41 (id-aes256-ECB), which is not offered.
        var at = der.AsSpan().IndexOf(Convert.FromHexString("060960864801650304012a"));
        Assert.True(at > 0);
        der[at + 10] = 0x29;

        var reading = CmsEnvelopeReader.Read(der);

        Assert.Equal(CmsEnvelopeErrorKind.AlgorithmUnsupported, reading.Error!.Kind);
    }
}
