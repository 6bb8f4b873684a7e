using TestSupport;

namespace Server.Tests.Interop;

/// <summary>GnuTLS's certtool verifies what the platform issues.</summary>
[Collection(InteropCollection.Name)]
public sealed class CertToolVerifyTests(InteropFixture fixture)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task VerifyChain_LeafIssuingAndRoot_ChainVerifies(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.TlsServer);

        var result = await RunAsync("--verify-chain", "--infile", issued.BundleFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Chain verification output: Verified.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Not verified", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_TlsServerAgainstTrustedRoot_VerifiesForServerAuthAndHostname(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.TlsServer);

        var result = await RunAsync("--verify", "--load-ca-certificate", issued.RootFile, "--infile", LeafAndIssuing(issued),
            "--verify-purpose", ServerAuth, "--verify-hostname", "web.example.org");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Chain verification output: Verified.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_TlsClientAgainstTrustedRoot_VerifiesForClientAuth(string hierarchy)
    {
        var issued = await fixture.IssueAsync(hierarchy, InteropAlgorithms.EcdsaP256, ProfileRequest.TlsClient);

        var result = await RunAsync("--verify", "--load-ca-certificate", issued.RootFile, "--infile", LeafAndIssuing(issued),
            "--verify-purpose", ClientAuth, "--verify-email", "jane.clerk@example.org");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Chain verification output: Verified.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TlsServerForAnotherHostname_IsRejected()
    {
        var issued = await fixture.IssueAsync(InteropAlgorithms.EcdsaP256, InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var result = await RunAsync("--verify", "--load-ca-certificate", issued.RootFile, "--infile", LeafAndIssuing(issued),
            "--verify-hostname", "other.example.org");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Not verified", result.Output, StringComparison.Ordinal);
    }

    private static Task<ToolResult> RunAsync(params string[] arguments) =>
        ExternalTool.RunAsync(ExternalTool.Require("certtool"), arguments);

    private static string LeafAndIssuing(IssuedChain issued)
    {
        var file = Path.Combine(Path.GetDirectoryName(issued.LeafFile)!, "leaf-and-issuing.pem");
        File.WriteAllText(file, File.ReadAllText(issued.LeafFile).TrimEnd() + "\n" + File.ReadAllText(issued.IssuingFile));
        return file;
    }
}
