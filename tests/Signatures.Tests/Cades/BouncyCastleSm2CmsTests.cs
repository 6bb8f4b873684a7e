using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Signatures.Cades;
using Signatures.Cms;

namespace Signatures.Tests.Cades;

/// <summary>Bouncy Castle's own SM2 CMS signatures are readable here (their algorithm identifiers and certificates), and verify in Bouncy Castle.</summary>
public sealed class BouncyCastleSm2CmsTests
{
    [Fact]
    public void BouncyCastleSm2Signature_ItsSignerInfoAlgorithms_AndCertificates_AreRead()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.GM.GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var certificates = new X509V3CertificateGenerator();
        certificates.SetSerialNumber(BigInteger.ValueOf(7));
        certificates.SetIssuerDN(new Org.BouncyCastle.Asn1.X509.X509Name("CN=SM2 signer"));
        certificates.SetSubjectDN(new Org.BouncyCastle.Asn1.X509.X509Name("CN=SM2 signer"));
        certificates.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        certificates.SetNotAfter(DateTime.UtcNow.AddDays(1));
        certificates.SetPublicKey(pair.Public);
        var certificate = certificates.Generate(new Asn1SignatureFactory("SM3WITHSM2", pair.Private));
        var cms = new CmsSignedDataGenerator();
        // Bouncy Castle's short AddSigner refuses SM2 ("can't mix ECDSA with anything but SHA"); its builder takes it.
        cms.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder().Build(new Asn1SignatureFactory("SM3WITHSM2", pair.Private), certificate));
        cms.AddCertificates(CollectionUtilities.CreateStore(new[] { certificate }));

        var encoded = cms.Generate(new CmsProcessableByteArray("通知"u8.ToArray()), encapsulate: true).GetEncoded();

        var signerInfo = SignerInfo.GetInstance(SignedData.GetInstance(ContentInfo.GetInstance(encoded).Content).SignerInfos[0]);
        Assert.True(CmsAlgorithms.TryScheme(signerInfo.DigestAlgorithm, signerInfo.SignatureAlgorithm, out var scheme));
        Assert.Equal(SignatureScheme.Sm2Sm3, scheme);
        Assert.Equal(certificate.GetEncoded(), Assert.Single(TimeStampTokens.Certificates(encoded)));
        Assert.True(Assert.Single(new CmsSignedData(encoded).GetSignerInfos().GetSigners()).Verify(certificate));
        Assert.Equal("1.2.156.10197.1.401", signerInfo.DigestAlgorithm.Algorithm.Id);
        Assert.Equal("1.2.156.10197.1.501", signerInfo.SignatureAlgorithm.Algorithm.Id);
    }
}
