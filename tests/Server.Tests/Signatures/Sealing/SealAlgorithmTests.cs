using System.Net;
using System.Text;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Sealing;

/// <summary>
/// Seals of every key type sign: OpenSSL verifies RSA and ECDSA seals; Bouncy Castle verifies SM2 and
/// Ed25519 ones (OpenSSL 3.0 can neither make nor check an Ed25519 CMS signature: "invalid digest").
/// </summary>
public sealed class SealAlgorithmTests(SealingFixture fixture) : IClassFixture<SealingFixture>
{
    private PlatformServer Server => fixture.Server;

    [Theory]
    [InlineData("RSA-2048")]
    [InlineData("ECDSA-P384")]
    public async Task Sign_WithSealOfAlgorithm_VerifiesWithOpenSsl(string algorithm)
    {
        var (department, seal, user) = await SealAsync(algorithm);
        var content = Encoding.UTF8.GetBytes($"Decision signed with {algorithm}");

        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, content, department, "B-T"), HttpStatusCode.OK);

        using var directory = new TemporaryDirectory();
        var root = await SealClient.RootFileAsync(seal, directory.Path);
        Assert.Equal(content, await SealClient.OpenSslVerifyAsync(SealClient.Signature(answer), root, null, directory.Path));
        user.Dispose();
    }

    [Theory]
    [InlineData("SM2", false, "1.2.156.10197.1.401")]
    [InlineData("SM2", true, "1.2.156.10197.1.401")]
    [InlineData("Ed25519", false, "2.16.840.1.101.3.4.2.3")]
    public async Task Sign_WithSeal_VerifiesWithBouncyCastlesCmsVerifier(string algorithm, bool detached, string digest)
    {
        var (department, seal, user) = await SealAsync(algorithm);
        var content = Encoding.UTF8.GetBytes("SM2 sealed notice");

        var answer = await SealClient.JsonAsync(await SealClient.SignAsync(user, content, department, "B-T", detached), HttpStatusCode.OK);

        var cms = detached ? new CmsSignedData(new CmsProcessableByteArray(content), SealClient.Signature(answer)) : new CmsSignedData(SealClient.Signature(answer));
        var signer = Assert.Single(cms.GetSignerInfos().GetSigners());
        var certificate = new X509CertificateParser().ReadCertificate(Encoding.ASCII.GetBytes(seal.GetProperty("certificate").GetString()!));
        Assert.True(signer.Verify(certificate));
        Assert.Equal(digest, signer.DigestAlgorithmID.Algorithm.Id);
        Assert.NotNull(signer.UnsignedAttributes?[new Org.BouncyCastle.Asn1.DerObjectIdentifier("1.2.840.113549.1.9.16.2.14")]);
        if (!detached)
        {
            using var read = new MemoryStream();
            cms.SignedContent.Write(read);
            Assert.Equal(content, read.ToArray());
        }

        user.Dispose();
    }

    private async Task<(string Department, System.Text.Json.JsonElement Seal, HttpClient User)> SealAsync(string algorithm)
    {
        var department = SealClient.NewDepartment();
        var seal = await SealClient.CreateSealAsync(Server, department, algorithm);
        Assert.Equal(algorithm, seal.GetProperty("algorithm").GetString());
        return (department, seal, Server.HttpsClient(await PersonAsync(Server, department, "seal-user")));
    }
}
