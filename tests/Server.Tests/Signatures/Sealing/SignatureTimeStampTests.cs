using System.Net;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>
/// The time-stamps inside CAdES signatures: the B-T signature-time-stamp is over the SHA-256 of the
/// signature value, as OpenSSL's own TSA verifier checks; a B-LT signature carries the whole chain and
/// revocation data (CRLs and OCSP responses); a B-LTA one an archive-time-stamp-v3 with its hash index.
/// </summary>
public sealed class SignatureTimeStampTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private static readonly DerObjectIdentifier SignatureTimeStamp = new("1.2.840.113549.1.9.16.2.14");
    private static readonly DerObjectIdentifier ArchiveTimeStampV3 = new("0.4.0.1733.2.4");
    private static readonly DerObjectIdentifier AtsHashIndexV3 = new("0.4.0.19122.1.5");

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SignatureTimeStamp_VerifiesWithOpenSslTs_OverTheSha256OfTheSignatureValue()
    {
        var (signer, _, answer) = await SignAsync("B-T");
        var token = signer.UnsignedAttributes![SignatureTimeStamp].AttrValues[0].GetEncoded(Asn1Encodable.Der);

        using var directory = new TemporaryDirectory();
        var tokenFile = Path.Combine(directory.Path, "token.der");
        var chainFile = Path.Combine(directory.Path, "tsa-chain.pem");
        var rootFile = Path.Combine(directory.Path, "root.pem");
        await File.WriteAllBytesAsync(tokenFile, token);
        using var http = Server.HttpClient();
        var chain = await http.GetStringAsync("/tsa/certificate-chain");
        await File.WriteAllTextAsync(chainFile, chain);
        await File.WriteAllTextAsync(rootFile, chain[chain.LastIndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..]);
        var digest = Convert.ToHexStringLower(SHA256.HashData(signer.GetSignature()));
        var output = await OpenSsl.OutputAsync("ts", "-verify", "-digest", digest, "-in", tokenFile, "-token_in", "-CAfile", rootFile, "-untrusted", chainFile);

        Assert.Contains("Verification: OK", output, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("timestampSerial").GetString()));
    }

    [Fact]
    public async Task LongTermSignature_CarriesTheRootTheTsaChainCrlsAndOcspResponses()
    {
        var (_, cms, _) = await SignAsync("B-LT");

        var signedData = SignedData.GetInstance(cms.ContentInfo.Content);
        var certificates = cms.GetCertificates().EnumerateMatches(null).ToList();
        var crls = signedData.CRLs.Cast<Asn1Encodable>().ToList();
        var ocsp = crls.OfType<Asn1TaggedObject>().Select(t => OtherRevocationInfoFormat.GetInstance(t, false)).ToList();
        Assert.Equal(5, signedData.Version.IntValueExact);
        Assert.Contains(certificates, c => c.IssuerDN.Equivalent(c.SubjectDN));
        Assert.Contains(certificates, c => c.GetExtendedKeyUsage()?.Contains(Org.BouncyCastle.Asn1.X509.KeyPurposeID.id_kp_timeStamping) == true);
        Assert.NotEmpty(crls.OfType<Asn1Sequence>());
        Assert.NotEmpty(ocsp);
        Assert.All(ocsp, o => Assert.Equal("1.3.6.1.5.5.7.16.2", o.InfoFormat.Id));
        // Every certificate but the root has its OCSP response: the seal, the TSA and the issuing CA.
        Assert.Equal(certificates.Count(c => !c.IssuerDN.Equivalent(c.SubjectDN)), ocsp.Count);
    }

    [Fact]
    public async Task ArchiveSignature_CarriesAnArchiveTimeStampV3WithItsHashIndex()
    {
        var (signer, cms, answer) = await SignAsync("B-LTA");

        var archive = signer.UnsignedAttributes![ArchiveTimeStampV3];
        var token = new Org.BouncyCastle.Tsp.TimeStampToken(new CmsSignedData(archive.AttrValues[0].GetEncoded(Asn1Encodable.Der)));
        var index = Asn1Sequence.GetInstance(token.UnsignedAttributes[AtsHashIndexV3].AttrValues[0]);
        var certificateHashes = Asn1Sequence.GetInstance(index[0]).Cast<Asn1OctetString>().Select(o => Convert.ToHexString(o.GetOctets())).ToList();
        var signedData = SignedData.GetInstance(cms.ContentInfo.Content);
        Assert.Equal(signedData.Certificates.Cast<Asn1Encodable>().Select(c => Convert.ToHexString(SHA256.HashData(c.GetEncoded(Asn1Encodable.Der)))), certificateHashes);
        Assert.Equal(signedData.CRLs.Count, Asn1Sequence.GetInstance(index[1]).Count);
        Assert.Single(Asn1Sequence.GetInstance(index[2]));
        Assert.NotEqual(answer.GetProperty("timestampSerial").GetString(), answer.GetProperty("archiveTimestampSerial").GetString());
    }

    private async Task<(SignerInformation Signer, CmsSignedData Cms, System.Text.Json.JsonElement Answer)> SignAsync(string level)
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var user = Server.HttpsClient(await PersonAsync(Server, department, "seal-user"));
        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, Encoding.UTF8.GetBytes("Zoning plan"), department, level), HttpStatusCode.OK);
        var cms = new CmsSignedData(SealClient.Signature(answer));
        return (Assert.Single(cms.GetSignerInfos().GetSigners()), cms, answer);
    }
}
