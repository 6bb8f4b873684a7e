using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The bootstrap administrator's certificate must be usable by any TLS stack, not only .NET's.
/// </summary>
/// <remarks>
/// The roles travel as standard role attributes in the Subject Directory Attributes extension:
/// a private OID with arcs beyond 31 bits (such as a <c>2.25.&lt;UUID&gt;</c> arc) would make Go's
/// crypto/x509 and GnuTLS refuse the whole certificate.
/// </remarks>
[Collection(InteropCollection.Name)]
public sealed class AdministratorCertificateInteropTests(InteropFixture fixture)
{
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_BootstrapAdministratorCertificate_OpenSslVerifiesForTlsClient(string hierarchy)
    {
        // Under an SM2 default hierarchy the administrator's certificate comes from the transport hierarchy.
        var server = await fixture.ServerAsync(hierarchy);
        var transport = InteropFixture.Transport(server, hierarchy);

        var result = await OpenSsl.VerifyAsync(transport.Algorithm, transport.RootFile, transport.IssuingFile, server.DataFile("admin.pem"),
            "-x509_strict", "-purpose", "sslclient");

        Assert.True(result.ExitCode == 0 && result.Output.Contains(": OK", StringComparison.Ordinal), result.ToString());
    }

    [Fact]
    public async Task Verify_BootstrapAdministratorCertificate_GoParsesAndVerifiesForClientAuth()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.EcdsaP256);

        var result = await GoVerifyChain.VerifyAsync(server.DataFile("root-ca.pem"), server.DataFile("issuing-ca.pem"), server.DataFile("admin.pem"), "client");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Verify_BootstrapAdministratorCertificate_GnuTlsParsesAndVerifiesForClientAuth()
    {
        var server = await fixture.ServerAsync(InteropAlgorithms.EcdsaP256);
        var chain = Path.Combine(fixture.NewDirectory(), "admin-and-issuing.pem");
        await File.WriteAllTextAsync(chain, (await File.ReadAllTextAsync(server.DataFile("admin.pem"))).TrimEnd() + "\n"
            + await File.ReadAllTextAsync(server.DataFile("issuing-ca.pem")));

        var result = await ExternalTool.RunAsync(ExternalTool.Require("certtool"),
            ["--verify", "--load-ca-certificate", server.DataFile("root-ca.pem"), "--infile", chain, "--verify-purpose", "1.3.6.1.5.5.7.3.2"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Chain verification output: Verified.", result.Output, StringComparison.Ordinal);
    }
}
