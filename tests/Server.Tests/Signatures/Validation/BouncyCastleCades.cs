using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using Time = Org.BouncyCastle.Asn1.Cms.Time;

namespace Server.Tests.Signatures.Validation;

/// <summary>
/// CAdES B-B signatures by Bouncy Castle's CmsSignedDataGenerator with an OpenSSL signer's key and
/// platform certificate, for what OpenSSL 3.0 cannot sign itself (Ed25519 CMS: "no default digest",
/// and "invalid digest" with -md sha512).
/// </summary>
internal static class BouncyCastleCades
{
    public static async Task<byte[]> SignAsync(VerificationFixture fixture, OpenSslSigner signer, string algorithm, byte[] content)
    {
        AsymmetricKeyParameter key;
        using (var reader = new StringReader(await File.ReadAllTextAsync(fixture.Work.File(signer.Name + ".key"))))
        {
            key = (AsymmetricKeyParameter)new PemReader(reader).ReadObject();
        }

        var parser = new X509CertificateParser();
        var certificate = parser.ReadCertificate(await File.ReadAllBytesAsync(fixture.Work.File(signer.Name + ".pem")));
        var chain = parser.ReadCertificates(await File.ReadAllBytesAsync(fixture.Work.File(signer.Name + "-chain.pem")));
        var hash = DigestUtilities.CalculateDigest(NistObjectIdentifiers.IdSha256, certificate.GetEncoded());
        var id = new EssCertIDv2(hash, new IssuerSerial(new GeneralNames(new GeneralName(certificate.IssuerDN)), new DerInteger(certificate.SerialNumber)));
        var attributes = new Dictionary<DerObjectIdentifier, object>
        {
            [PkcsObjectIdentifiers.IdAASigningCertificateV2] = new CmsAttribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([id]))),
            [CmsAttributes.SigningTime] = new CmsAttribute(CmsAttributes.SigningTime, new DerSet(new Time(fixture.Clock.GetUtcNow().UtcDateTime))),
        };
        var generator = new CmsSignedDataGenerator();
        generator.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
            .Build(new Asn1SignatureFactory(algorithm, key), certificate));
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { certificate }.Concat(chain).ToList()));
        return generator.Generate(new CmsProcessableByteArray(content), true).GetEncoded();
    }
}
