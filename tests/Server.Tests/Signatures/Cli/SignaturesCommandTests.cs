using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Cli;
using Server.Tests.Escrow;
using Server.Tests.Hosting;
using Server.Tests.Registration;
using Server.Tests.Signatures.Sealing;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Signatures.Cli;

/// <summary>The <c>signatures</c> command against a running platform, as a department's staff runs it.</summary>
public sealed class SignaturesCommandTests(RegistrationFixture fixture) : IClassFixture<RegistrationFixture>
{
    private static readonly byte[] Document = "Business licence 2026-0917 issued by the Market Supervision Bureau."u8.ToArray();

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task SignWithSeal_ThenVerify_PrintsAPassedReport_AndOpenSslAccepts()
    {
        var department = SealClient.NewDepartment();
        var seal = await SealClient.CreateSealAsync(Server, department);
        using var directory = new TemporaryDirectory();
        var (cert, key) = await FilesAsync(await PersonAsync(Server, department, "seal-user"), directory, "user");
        await File.WriteAllBytesAsync(directory.File("licence.txt"), Document);

        var (signed, signOutput, _) = await RunAsync("sign", "--cert", cert, "--key", key, "--seal", department, "--level", "B-T",
            "--in", directory.File("licence.txt"), "--out", directory.File("licence.p7s"));
        var (verified, report, _) = await RunAsync("verify", "--cert", cert, "--key", key, "--in", directory.File("licence.p7s"));
        var (_, json, _) = await RunAsync("verify", "--cert", cert, "--key", key, "--in", directory.File("licence.p7s"), "--json");

        Assert.Equal(0, signed);
        Assert.Contains("licence.p7s", signOutput);
        Assert.Equal(0, verified);
        Assert.StartsWith("Indication: TOTAL-PASSED", report);
        Assert.Contains("Time-stamp:", report);
        Assert.Equal("TOTAL-PASSED", JsonDocument.Parse(json).RootElement.GetProperty("indication").GetString());
        var content = await SealClient.OpenSslVerifyAsync(await File.ReadAllBytesAsync(directory.File("licence.p7s")),
            await SealClient.RootFileAsync(seal, directory.Path), null, directory.Path);
        Assert.Equal(Document, content);
    }

    [Fact]
    public async Task SignWithOwnKey_Detached_VerifiesWithTheContent_AndFailsWithOtherContent()
    {
        using var directory = new TemporaryDirectory();
        var person = await PersonAsync(Server, SealClient.NewDepartment());
        var (cert, key) = await FilesAsync(person, directory, "person");
        await File.WriteAllBytesAsync(directory.File("opinion.txt"), Document);
        await File.WriteAllBytesAsync(directory.File("altered.txt"), [.. Document, (byte)'!']);

        var (signed, _, signError) = await RunAsync("sign", "--cert", cert, "--key", key, "--signer-cert", cert, "--signer-key", key, "--detached",
            "--in", directory.File("opinion.txt"), "--out", directory.File("opinion.p7s"));
        var (verified, report, _) = await RunAsync("verify", "--cert", cert, "--key", key, "--in", directory.File("opinion.p7s"), "--content", directory.File("opinion.txt"));
        var (altered, alteredReport, _) = await RunAsync("verify", "--cert", cert, "--key", key, "--in", directory.File("opinion.p7s"), "--content", directory.File("altered.txt"));

        Assert.True(signed == 0, signError);
        Assert.Equal(0, verified);
        Assert.Contains(person.GetNameInfo(X509NameType.SimpleName, false), report);
        Assert.Equal(1, altered);
        Assert.StartsWith("Indication: TOTAL-FAILED / HASH_FAILURE", alteredReport);
    }

    [Fact]
    public async Task EncryptToAnEscrowedCertificate_ThenDecryptAsTheDecryptionOfficer_ReturnsTheDocument()
    {
        var (issued, _, department) = await DualPairs.IssueAsync(Server, RequesterKey.EcdsaP256);
        using var directory = new TemporaryDirectory();
        var (clerkCert, clerkKey) = await FilesAsync(await PersonAsync(Server, department), directory, "clerk");
        var (officerCert, officerKey) = await FilesAsync(await PersonAsync(Server, department, "decryption-officer"), directory, "officer");
        await File.WriteAllTextAsync(directory.File("recipient.pem"), issued.GetProperty("encryption").GetProperty("certificate").GetString());
        await File.WriteAllBytesAsync(directory.File("document"), Document);

        var (encrypted, _, _) = await RunAsync("encrypt", "--cert", clerkCert, "--key", clerkKey, "--in", directory.File("document"),
            "--out", directory.File("document.p7m"), directory.File("recipient.pem"));
        var (refused, _, refusal) = await RunAsync("decrypt", "--cert", clerkCert, "--key", clerkKey, "--in", directory.File("document.p7m"), "--out", directory.File("no"));
        var (decrypted, _, _) = await RunAsync("decrypt", "--cert", officerCert, "--key", officerKey, "--in", directory.File("document.p7m"), "--out", directory.File("back"));

        Assert.Equal(0, encrypted);
        Assert.Equal(1, refused);
        Assert.Contains("decryption-denied", refusal);
        Assert.False(File.Exists(directory.File("no")));
        Assert.Equal(0, decrypted);
        Assert.Equal(Document, await File.ReadAllBytesAsync(directory.File("back")));
    }

    [Fact]
    public async Task SealOfAnotherDepartment_IsRefused_WithTheServicesCode()
    {
        var department = SealClient.NewDepartment();
        await SealClient.CreateSealAsync(Server, department);
        using var directory = new TemporaryDirectory();
        var (cert, key) = await FilesAsync(await PersonAsync(Server, SealClient.NewDepartment(), "seal-user"), directory, "outsider");
        await File.WriteAllBytesAsync(directory.File("document"), Document);

        var (status, _, error) = await RunAsync("sign", "--cert", cert, "--key", key, "--seal", department, "--in", directory.File("document"), "--out", directory.File("s"));

        Assert.Equal(1, status);
        Assert.Contains("seal-use-denied", error);
        Assert.False(File.Exists(directory.File("s")));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("sign", "--in", "x")]
    [InlineData("verify", "--url", "http://127.0.0.1:5000", "--ca", "root.pem", "--token", "t", "--in", "x")]
    public async Task BadUsage_ExitsTwo_WithTheUsage(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var status = await SignaturesCommand.RunAsync(args, output, error);

        Assert.Equal(2, status);
        Assert.Contains("Usage: signatures", error.ToString());
    }

    private async Task<(int Status, string Output, string Error)> RunAsync(string command, params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await SignaturesCommand.RunAsync([command, "--url", Server.Https.AbsoluteUri, "--ca", Server.DataFile("root-ca.pem"), .. arguments], output, error);
        return (status, output.ToString(), error.ToString());
    }

    /// <summary>The person's certificate and PKCS#8 key as the PEM files a person keeps.</summary>
    private static async Task<(string Certificate, string Key)> FilesAsync(X509Certificate2 person, TemporaryDirectory directory, string name)
    {
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)person.GetECDsaPrivateKey() ?? person.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The test person has no private key.");
        using (key)
        {
            await File.WriteAllTextAsync(directory.File(name + ".pem"), person.ExportCertificatePem());
            await File.WriteAllTextAsync(directory.File(name + ".key"), key.ExportPkcs8PrivateKeyPem());
        }

        return (directory.File(name + ".pem"), directory.File(name + ".key"));
    }
}
