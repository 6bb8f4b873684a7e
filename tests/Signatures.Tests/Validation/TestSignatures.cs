using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using Time = Org.BouncyCastle.Asn1.Cms.Time;

namespace Signatures.Tests.Validation;

/// <summary>CAdES signatures made with Bouncy Castle's CmsSignedDataGenerator, and the unsigned attributes B-T and B-LT add.</summary>
internal static class TestSignatures
{
    /// <summary>A CAdES B-B signature: contentType, messageDigest, signingTime, signingCertificateV2.</summary>
    public static CmsSignedData Sign(byte[] content, AsymmetricKeyParameter key, string algorithm, X509Certificate certificate,
        IEnumerable<X509Certificate> chain, DateTimeOffset signingTime, bool detached = false, bool signingCertificate = true)
    {
        var attributes = new Dictionary<DerObjectIdentifier, object>
        {
            [CmsAttributes.SigningTime] = new CmsAttribute(CmsAttributes.SigningTime, new DerSet(new Time(signingTime.UtcDateTime))),
        };
        if (signingCertificate)
        {
            var hash = DigestUtilities.CalculateDigest(NistObjectIdentifiers.IdSha256, certificate.GetEncoded());
            var id = new EssCertIDv2(hash, new IssuerSerial(new GeneralNames(new GeneralName(certificate.IssuerDN)), new DerInteger(certificate.SerialNumber)));
            attributes[PkcsObjectIdentifiers.IdAASigningCertificateV2] =
                new CmsAttribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([id])));
        }

        var generator = new CmsSignedDataGenerator();
        var signer = new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
            .Build(new Asn1SignatureFactory(algorithm, key), certificate);
        generator.AddSignerInfoGenerator(signer);
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { certificate }.Concat(chain).ToList()));
        return generator.Generate(new CmsProcessableByteArray(content), !detached);
    }

    /// <summary>A time-stamp token by the test TSA over the SHA-256 of <paramref name="data"/>, at <paramref name="genTime"/>.</summary>
    public static TimeStampToken TimeStamp(TestPki pki, byte[] data, DateTimeOffset genTime)
    {
        var generator = new TimeStampTokenGenerator(pki.TsaKey.Private, pki.Tsa, TspAlgorithms.Sha256, "1.2.3.4");
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { pki.Tsa, pki.Issuing }.ToList()));
        var requests = new TimeStampRequestGenerator();
        requests.SetCertReq(true);
        var request = requests.Generate(TspAlgorithms.Sha256, DigestUtilities.CalculateDigest("SHA-256", data), BigInteger.One);
        return generator.Generate(request, new BigInteger(64, new SecureRandom()), genTime.UtcDateTime);
    }

    /// <summary><paramref name="signed"/> with a signature time-stamp over its (only) signer's signature value (B-T).</summary>
    public static CmsSignedData WithTimeStamp(CmsSignedData signed, TestPki pki, DateTimeOffset genTime) =>
        WithUnsigned(signed, signer => new CmsAttribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken,
            new DerSet(Asn1Object.FromByteArray(TimeStamp(pki, signer.GetSignature(), genTime).GetEncoded()))));

    /// <summary><paramref name="signed"/> with <paramref name="attribute"/> added to its signer's unsigned attributes.</summary>
    public static CmsSignedData WithUnsigned(CmsSignedData signed, Func<SignerInformation, CmsAttribute> attribute)
    {
        var signer = signed.GetSignerInfos().GetSigners().Single();
        var unsigned = signer.UnsignedAttributes?.ToAsn1EncodableVector() ?? new Asn1EncodableVector();
        unsigned.Add(attribute(signer));
        var replaced = SignerInformation.ReplaceUnsignedAttributes(signer, new AttributeTable(unsigned));
        return CmsSignedData.ReplaceSigners(signed, new SignerInformationStore(replaced));
    }

    /// <summary><paramref name="signed"/> carrying <paramref name="crls"/> and <paramref name="responses"/> in SignedData.crls (RFC 5940 for OCSP).</summary>
    public static CmsSignedData WithRevocationData(CmsSignedData signed, IEnumerable<X509Crl> crls, IEnumerable<BasicOcspResp> responses)
    {
        var data = SignedData.GetInstance(signed.ContentInfo.Content);
        var entries = new Asn1EncodableVector();
        foreach (var crl in crls)
        {
            entries.Add(crl.CertificateList);
        }

        foreach (var response in responses)
        {
            var ocsp = new OcspResponse(new OcspResponseStatus(OcspResponseStatus.Successful),
                new ResponseBytes(OcspObjectIdentifiers.PkixOcspBasic, new DerOctetString(response.GetEncoded())));
            entries.Add(new DerTaggedObject(false, 1, new OtherRevocationInfoFormat(new DerObjectIdentifier("1.3.6.1.5.5.7.16.2"), ocsp)));
        }

        var rebuilt = new SignedData(data.DigestAlgorithms, data.EncapContentInfo, data.Certificates, new DerSet(entries), data.SignerInfos);
        return new CmsSignedData(new ContentInfo(CmsObjectIdentifiers.SignedData, rebuilt));
    }

    /// <summary><paramref name="signed"/> with its certificates replaced by <paramref name="certificates"/>.</summary>
    public static CmsSignedData WithCertificates(CmsSignedData signed, IEnumerable<X509Certificate> certificates) =>
        CmsSignedData.ReplaceCertificatesAndRevocations(signed, CollectionUtilities.CreateStore(certificates.ToList()), null, null, null);

    /// <summary><paramref name="signed"/> with its SignerInfos rewritten by <paramref name="change"/> (and its certificates replaced when given).</summary>
    public static CmsSignedData WithSignerInfo(CmsSignedData signed, Func<SignerInfo, SignerInfo> change, IEnumerable<X509Certificate>? certificates = null)
    {
        var data = SignedData.GetInstance(signed.ContentInfo.Content);
        var signers = new Asn1EncodableVector();
        foreach (var info in data.SignerInfos)
        {
            signers.Add(change(SignerInfo.GetInstance(info)));
        }

        var set = certificates is null ? data.Certificates : new DerSet(certificates.Select(c => (Asn1Encodable)c.CertificateStructure).ToArray());
        var rebuilt = new SignedData(data.DigestAlgorithms, data.EncapContentInfo, set, data.CRLs, new DerSet(signers));
        return new CmsSignedData(new ContentInfo(CmsObjectIdentifiers.SignedData, rebuilt));
    }

    /// <summary>The same SignerInfo with its signature value's last byte flipped.</summary>
    public static SignerInfo Forged(SignerInfo info)
    {
        var value = info.Signature.GetOctets();
        value[^1] ^= 0x01;
        return new SignerInfo(info.SignerID, info.DigestAlgorithm, info.SignedAttrs, info.SignatureAlgorithm, new DerOctetString(value), info.UnsignedAttrs);
    }

    /// <summary>Two signatures over the same content in one SignedData.</summary>
    public static CmsSignedData Combined(CmsSignedData first, CmsSignedData second)
    {
        var signers = first.GetSignerInfos().GetSigners().Concat(second.GetSignerInfos().GetSigners()).ToList();
        var combined = CmsSignedData.ReplaceSigners(first, new SignerInformationStore(signers));
        var certificates = first.GetCertificates().EnumerateMatches(null).Concat(second.GetCertificates().EnumerateMatches(null)).Distinct().ToList();
        return WithCertificates(combined, certificates);
    }
}
