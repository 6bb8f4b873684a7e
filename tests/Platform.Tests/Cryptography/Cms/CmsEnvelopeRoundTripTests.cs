using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Platform.Cryptography;
using Platform.Cryptography.Cms;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace Platform.Tests.Cryptography.Cms;

/// <summary>The writer's envelopes opened by the reader, for every recipient family and content cipher, and refused when altered.</summary>
public sealed class CmsEnvelopeRoundTripTests
{
    private static readonly byte[] Document = "A city council decision, to be read by its addressees only."u8.ToArray();

    public static TheoryData<KeyAlgorithm, CmsContentEncryption> Pairs()
    {
        var data = new TheoryData<KeyAlgorithm, CmsContentEncryption>();
        foreach (var algorithm in new[] { KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP256, KeyAlgorithm.EcdsaP384, KeyAlgorithm.Sm2 })
        {
            foreach (var encryption in Enum.GetValues<CmsContentEncryption>())
            {
                data.Add(algorithm, encryption);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Decrypt_OwnEnvelope_ReturnsTheContent(KeyAlgorithm algorithm, CmsContentEncryption encryption)
    {
        var recipient = EnvelopeRecipient.Create(algorithm);

        var envelope = Read(CmsEnvelopeWriter.Seal(Document, recipient.Recipient, encryption));
        var decryption = envelope.Decrypt(recipient.Identifier, recipient.Pkcs8);

        Assert.Null(decryption.Error);
        Assert.Equal(Document, decryption.Content);
        Assert.Equal(encryption == CmsContentEncryption.Aes256Gcm, envelope.IsAuthenticated);
        Assert.True(recipient.Identifier.Matches(Assert.Single(envelope.Recipients)));
    }

    [Fact]
    public void Seal_Sm2RecipientWithSm4_WritesSm2EncryptTransportWhoseKeyBouncyCastlesSm2EngineOpens()
    {
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.Sm2);

        var der = CmsEnvelopeWriter.Seal(Document, recipient.Recipient, CmsContentEncryption.Sm4Cbc);

        var info = ContentInfo.GetInstance(Asn1Object.FromByteArray(der));
        Assert.Equal(CmsObjectIdentifiers.EnvelopedData, info.ContentType);
        var enveloped = EnvelopedData.GetInstance(info.Content);
        Assert.Equal("1.2.156.10197.1.104.2", enveloped.EncryptedContentInfo.ContentEncryptionAlgorithm.Algorithm.Id);
        var transport = Assert.IsType<KeyTransRecipientInfo>(RecipientInfo.GetInstance(enveloped.RecipientInfos[0]).Info);
        Assert.Equal("1.2.156.10197.1.301.3", transport.KeyEncryptionAlgorithm.Algorithm.Id);
        // The GM/T 0009 SM2Cipher, unpacked by hand to C1 || C3 || C2 for Bouncy Castle's own engine.
        var cipher = Asn1Sequence.GetInstance(transport.EncryptedKey.GetOctets());
        byte[] raw = [0x04, .. BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[0]).Value),
            .. BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(cipher[1]).Value),
            .. Asn1OctetString.GetInstance(cipher[2]).GetOctets(), .. Asn1OctetString.GetInstance(cipher[3]).GetOctets()];
        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(recipient.Pkcs8));
        var contentKey = engine.ProcessBlock(raw, 0, raw.Length);
        Assert.Equal(16, contentKey.Length);
        var sm4 = new Org.BouncyCastle.Crypto.Paddings.PaddedBufferedBlockCipher(new Org.BouncyCastle.Crypto.Modes.CbcBlockCipher(new SM4Engine()));
        sm4.Init(false, new ParametersWithIV(new KeyParameter(contentKey),
            Asn1OctetString.GetInstance(enveloped.EncryptedContentInfo.ContentEncryptionAlgorithm.Parameters).GetOctets()));
        Assert.Equal(Document, sm4.DoFinal(enveloped.EncryptedContentInfo.EncryptedContent.GetOctets()));
    }

    [Fact]
    public void Decrypt_SeveralRecipients_EachOpensItWithItsOwnKey()
    {
        EnvelopeRecipient[] recipients = [.. new[] { KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP256, KeyAlgorithm.EcdsaP384, KeyAlgorithm.Sm2 }.Select(EnvelopeRecipient.Create)];

        var envelope = Read(CmsEnvelopeWriter.Seal(Document, [.. recipients.Select(r => r.Recipient)]));

        Assert.Equal(recipients.Length, envelope.Recipients.Count);
        Assert.All(recipients, r => Assert.Equal(Document, envelope.Decrypt(r.Identifier, r.Pkcs8).Content));
    }

    [Fact]
    public void Decrypt_AnotherKeyUnderTheRecipientsName_IsUndecryptable()
    {
        var named = EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048);
        var other = EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048);

        var decryption = Read(CmsEnvelopeWriter.Seal(Document, named.Recipient)).Decrypt(named.Identifier, other.Pkcs8);

        Assert.Null(decryption.Content);
        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, decryption.Error!.Kind);
    }

    [Fact]
    public void Decrypt_KeyOfAnotherFamily_IsUndecryptable()
    {
        var named = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256);
        var rsa = EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048);

        var decryption = Read(CmsEnvelopeWriter.Seal(Document, named.Recipient)).Decrypt(named.Identifier, rsa.Pkcs8);

        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, decryption.Error!.Kind);
    }

    [Fact]
    public void Decrypt_RecipientNotInTheEnvelope_IsUndecryptable()
    {
        var named = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256);
        var stranger = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256);

        var decryption = Read(CmsEnvelopeWriter.Seal(Document, named.Recipient)).Decrypt(stranger.Identifier, stranger.Pkcs8);

        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, decryption.Error!.Kind);
    }

    [Theory]
    [InlineData(CmsContentEncryption.Aes256Gcm)]
    [InlineData(CmsContentEncryption.Aes256Cbc)]
    [InlineData(CmsContentEncryption.Sm4Cbc)]
    public void Decrypt_LastCiphertextByteFlipped_IsUndecryptable(CmsContentEncryption encryption)
    {
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP256);
        var der = CmsEnvelopeWriter.Seal(Document, recipient.Recipient, encryption);
        // The ciphertext (CBC) or the tag (GCM, after the ciphertext) ends the encoding.
        der[^1] ^= 0x01;

        var decryption = Read(der).Decrypt(recipient.Identifier, recipient.Pkcs8);

        Assert.Null(decryption.Content);
        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, decryption.Error!.Kind);
    }

    [Fact]
    public void Decrypt_GcmCiphertextAltered_IsUndecryptable()
    {
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.Rsa2048);
        var der = CmsEnvelopeWriter.Seal(Document, recipient.Recipient);
        // The tag is 16 bytes after a 2-byte OCTET STRING header; the ciphertext ends just before.
        der[^19] ^= 0x80;

        Assert.Equal(CmsEnvelopeErrorKind.Undecryptable, Read(der).Decrypt(recipient.Identifier, recipient.Pkcs8).Error!.Kind);
    }

    [Fact]
    public void Seal_ArbitraryCmsBytes_ComeBackByteExact()
    {
        // A signed document is opaque content to the envelope: any bytes, not only text.
        var signed = new byte[70_000];
        Random.Shared.NextBytes(signed);
        signed[0] = 0x30;
        var recipient = EnvelopeRecipient.Create(KeyAlgorithm.EcdsaP384);

        var decryption = Read(CmsEnvelopeWriter.Seal(signed, recipient.Recipient)).Decrypt(recipient.Identifier, recipient.Pkcs8);

        Assert.Equal(signed, decryption.Content);
    }

    [Fact]
    public void Seal_Ed25519Recipient_IsRefusedAsMisuse()
    {
        var pkcs8 = Platform.Cryptography.Software.SoftwareKeys.Generate(KeyAlgorithm.Ed25519);
        using var key = Platform.Cryptography.Software.SoftwareKeys.Load("ed", KeyAlgorithm.Ed25519, pkcs8);
        var recipient = new CmsRecipient(Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()));

        Assert.False(CmsEnvelopeWriter.CanEncryptTo(KeyAlgorithm.Ed25519));
        Assert.Throws<ArgumentException>(() => CmsEnvelopeWriter.Seal(Document, recipient));
    }

    private static CmsEnvelope Read(byte[] der)
    {
        var reading = CmsEnvelopeReader.Read(der);
        Assert.Null(reading.Error);
        return reading.Envelope!;
    }
}
