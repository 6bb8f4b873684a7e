using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Pki.Ca.Crl;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Cryptography;
using Platform.Cryptography.BouncyCastle;
using Platform.Cryptography.Software;

namespace Pki.Ca.Tests.Crl;

/// <summary>
/// The CRL assembled from pre-encoded entries is, field for field and byte for byte before the
/// signature, what Bouncy Castle's own CRL generator writes for the same content.
/// </summary>
public sealed class CrlBuilderTests
{
    private static readonly DateTimeOffset ThisUpdate = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextUpdate = ThisUpdate.AddDays(1);

    public static TheoryData<KeyAlgorithm> Algorithms => [KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048, KeyAlgorithm.Ed25519, KeyAlgorithm.Sm2];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Build_Full_MatchesBouncyCastlesGeneratorAndVerifies(KeyAlgorithm algorithm)
    {
        var ca = Authority(algorithm);
        RevokedEntry[] entries =
        [
            new("0a01", ThisUpdate.AddDays(-2), "keyCompromise", ThisUpdate.AddDays(-3)),
            new("7f0102030405060708090a0b0c0d0e0f", ThisUpdate.AddHours(-1), "unspecified", null),
            new("0c", ThisUpdate.AddMinutes(-5), "certificateHold", null),
        ];

        var der = CrlBuilder.Build(ca, 42, [.. entries.Select(CrlBuilder.EncodeEntry)], ThisUpdate, NextUpdate, null, "http://pki.example/delta");

        var ours = new X509Crl(CertificateList.GetInstance(Asn1Object.FromByteArray(der)));
        Assert.True(ours.IsSignatureValid(PublicKeyOf(ca)));
        Assert.Equal(Reference(ca, entries, 42, null, "http://pki.example/delta").GetTbsCertList(), ours.GetTbsCertList());
    }

    [Fact]
    public void Build_Delta_MatchesBouncyCastlesGenerator()
    {
        var ca = Authority(KeyAlgorithm.EcdsaP256);
        RevokedEntry[] entries = [new("0b", ThisUpdate.AddMinutes(-1), "removeFromCRL", null)];

        var der = CrlBuilder.Build(ca, 44, [.. entries.Select(CrlBuilder.EncodeEntry)], ThisUpdate, NextUpdate, 43, null);

        var ours = new X509Crl(CertificateList.GetInstance(Asn1Object.FromByteArray(der)));
        Assert.Equal(Reference(ca, entries, 44, 43, null).GetTbsCertList(), ours.GetTbsCertList());
    }

    [Fact]
    public void Build_NothingRevoked_LeavesTheListOut()
    {
        var ca = Authority(KeyAlgorithm.EcdsaP256);

        var der = CrlBuilder.Build(ca, 1, [], ThisUpdate, NextUpdate, null, null);

        var ours = new X509Crl(CertificateList.GetInstance(Asn1Object.FromByteArray(der)));
        Assert.Null(ours.GetRevokedCertificates());
        Assert.Equal(Reference(ca, [], 1, null, null).GetTbsCertList(), ours.GetTbsCertList());
    }

    [Fact]
    public void EncodeEntry_TimesWithMilliseconds_AreWholeSeconds()
    {
        var entry = new RevokedEntry("01", ThisUpdate.AddMilliseconds(123), "keyCompromise", ThisUpdate.AddMilliseconds(-456));

        var encoded = CrlEntry.GetInstance(Asn1Object.FromByteArray(CrlBuilder.EncodeEntry(entry)));

        Assert.Equal("261126120000Z", ((Asn1UtcTime)encoded.RevocationDate.ToAsn1Object()).TimeString);
        var invalidity = encoded.Extensions.GetExtension(X509Extensions.InvalidityDate).GetParsedValue();
        Assert.Equal("20261126115959Z", ((Asn1GeneralizedTime)invalidity).TimeString);
    }

    private static X509Crl Reference(CertificateAuthority ca, IEnumerable<RevokedEntry> entries, long number, long? deltaBase, string? freshest)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(ca.Certificate.SubjectDN);
        generator.SetThisUpdate(ThisUpdate.UtcDateTime);
        generator.SetNextUpdate(NextUpdate.UtcDateTime);
        foreach (var entry in entries)
        {
            var reason = Pki.Ca.Revocation.RevocationReasons.CodeOf(entry.Reason);
            if (entry.InvalidityDate is { } invalidity)
            {
                generator.AddCrlEntry(new BigInteger(entry.SerialNumber, 16), entry.RevokedAt.UtcDateTime, reason, invalidity.UtcDateTime);
            }
            else
            {
                generator.AddCrlEntry(new BigInteger(entry.SerialNumber, 16), entry.RevokedAt.UtcDateTime, reason);
            }
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.SubjectKeyIdentifier));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
        if (deltaBase is { } baseNumber)
        {
            generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(baseNumber)));
        }
        else if (freshest is not null)
        {
            generator.AddExtension(X509Extensions.FreshestCrl, false, new CrlDistPoint(
                [new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, freshest))), null, null)]));
        }

        return generator.Generate(new SigningKeySignatureFactory(ca.SigningKey));
    }

    private static CertificateAuthority Authority(KeyAlgorithm algorithm)
    {
        var key = SoftwareKeys.Create(algorithm);
        var generator = new X509V3CertificateGenerator();
        var name = new X509Name("CN=CRL test CA,O=SecurityPlatform");
        generator.SetSerialNumber(BigInteger.One);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(ThisUpdate.AddDays(-1).UtcDateTime);
        generator.SetNotAfter(ThisUpdate.AddYears(1).UtcDateTime);
        generator.SetPublicKey(Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier([1, 2, 3, 4]));
        return new CertificateAuthority("test", generator.Generate(new SigningKeySignatureFactory(key)), key, null, "default");
    }

    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter PublicKeyOf(CertificateAuthority ca) => ca.Certificate.GetPublicKey();
}
