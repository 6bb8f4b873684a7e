namespace Server.Tests.Interop;

/// <summary>OpenSSL builds and checks the chain of every certificate the platform issues.</summary>
[Collection(InteropCollection.Name)]
public sealed class OpenSslVerifyTests(InteropFixture fixture)
{
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyAndCsrKeyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_TlsServerCertificateForOpenSslCsr_ChainVerifies(string hierarchy, string keyAlgorithm)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, ProfileRequest.TlsServer);

        var result = await OpenSsl.VerifyAsync(hierarchy, issued.RootFile, issued.IssuingFile, issued.LeafFile,
            "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "web.example.org");

        Assert.True(result.ExitCode == 0 && result.Output.Contains(": OK", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [MemberData(nameof(ProfileData))]
    public async Task Verify_CertificateOfEachProfile_ChainVerifiesForItsPurpose(string hierarchy, string profile, string purpose)
    {
        var issued = await fixture.IssueAsync(hierarchy, InteropAlgorithms.EcdsaP256, profile);

        var result = await OpenSsl.VerifyAsync(hierarchy, issued.RootFile, issued.IssuingFile, issued.LeafFile,
            "-x509_strict", "-purpose", purpose);

        Assert.True(result.ExitCode == 0 && result.Output.Contains(": OK", StringComparison.Ordinal), result.ToString());
    }

    [Theory]
    [MemberData(nameof(WrongPurposeData))]
    public async Task Verify_CertificateForAnotherPurpose_IsRejected(string profile, string purpose)
    {
        var issued = await fixture.IssueAsync(InteropAlgorithms.EcdsaP256, InteropAlgorithms.EcdsaP256, profile);

        var result = await OpenSsl.VerifyAsync(issued.Hierarchy, issued.RootFile, issued.IssuingFile, issued.LeafFile, "-purpose", purpose);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("unsuitable certificate purpose", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Verify_LeafAgainstAnotherHierarchysRoot_IsRejected(string hierarchy)
    {
        // A tool that accepted anything would pass every test above; this one must fail.
        var issued = await fixture.IssueAsync(hierarchy, InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);
        var other = await fixture.IssueAsync(hierarchy == InteropAlgorithms.EcdsaP256 ? InteropAlgorithms.EcdsaP384 : InteropAlgorithms.EcdsaP256,
            InteropAlgorithms.EcdsaP256, ProfileRequest.TlsServer);

        var result = await OpenSsl.VerifyAsync(other.Hierarchy, other.RootFile, other.IssuingFile, issued.LeafFile);

        Assert.True(result.ExitCode != 0, result.ToString());
    }

    public static TheoryData<string, string, string> ProfileData()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var hierarchy in InteropAlgorithms.Hierarchies)
        {
            data.Add(hierarchy, ProfileRequest.TlsServer, "sslserver");
            data.Add(hierarchy, ProfileRequest.TlsClient, "sslclient");
            // S/MIME signing is OpenSSL's purpose for a signer: digitalSignature or
            // nonRepudiation, and no EKU that excludes e-mail protection.
            data.Add(hierarchy, ProfileRequest.DocumentSigning, "smimesign");
        }

        return data;
    }

    public static TheoryData<string, string> WrongPurposeData() => new()
    {
        { ProfileRequest.TlsServer, "sslclient" },
        { ProfileRequest.TlsClient, "sslserver" },
    };
}
