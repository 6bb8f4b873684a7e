namespace Server.Tests.Interop;

/// <summary>Go's crypto/x509 parses (strictly) and verifies what the platform issues.</summary>
[Collection(InteropCollection.Name)]
public sealed class GoVerifyTests(InteropFixture fixture)
{
    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_TlsServerCertificate_VerifiesForServerAuthAndItsDnsName(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.TlsServer);

        var result = await GoVerifyChain.VerifyAsync(issued.RootFile, issued.IssuingFile, issued.LeafFile, "server", dnsName: "www.example.org");

        Assert.True(result.ExitCode == 0 && result.Output.StartsWith("verified:", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_TlsClientCertificate_VerifiesForClientAuth(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.TlsClient);

        var result = await GoVerifyChain.VerifyAsync(issued.RootFile, issued.IssuingFile, issued.LeafFile, "client", email: "jane.clerk@example.org");

        Assert.True(result.ExitCode == 0 && result.Output.StartsWith("verified:", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.WidelyImplementedHierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_DocumentSigningCertificate_VerifiesForAnyUsage(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.DocumentSigning);

        var result = await GoVerifyChain.VerifyAsync(issued.RootFile, issued.IssuingFile, issued.LeafFile, "any", email: "records@example.org");

        Assert.True(result.ExitCode == 0 && result.Output.StartsWith("verified:", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [InlineData(ProfileRequest.TlsServer, "client", null)]
    [InlineData(ProfileRequest.TlsClient, "server", null)]
    [InlineData(ProfileRequest.TlsServer, "server", "other.example.org")]
    public async Task Verify_WrongUsageOrName_IsRejected(string profile, string usage, string? dnsName)
    {
        var issued = await fixture.IssueAsync(InteropAlgorithms.EcdsaP256, InteropAlgorithms.EcdsaP256, profile);

        var result = await GoVerifyChain.VerifyAsync(issued.RootFile, issued.IssuingFile, issued.LeafFile, usage, dnsName);

        Assert.True(result.ExitCode == 1 && result.Output.StartsWith("not verified:", StringComparison.Ordinal), result.ToString());
    }
}
