namespace Server.Tests.Interop;

/// <summary>The hierarchy's CA certificates and the files the bootstrap writes, as OpenSSL reads them.</summary>
[Collection(InteropCollection.Name)]
public sealed class CaCertificateContentTests(InteropFixture fixture)
{
    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Bootstrap_RootCertificate_IsASelfSignedCaWhoseSignatureVerifies(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);
        var root = server.DataFile("root-ca.pem");

        var result = hierarchy == InteropAlgorithms.Sm2
            ? await OpenSsl.VerifySm2SelfSignatureAsync(root, fixture.NewDirectory())
            : await OpenSsl.RunAsync("verify", "-check_ss_sig", "-x509_strict", "-CAfile", root, root);
        var extensions = await OpenSslExtensions.ReadAsync(root);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertCaExtensions(extensions);
        Assert.Equal(extensions.KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier), extensions.KeyIdentifier(OpenSslExtensions.AuthorityKeyIdentifier));
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Bootstrap_IssuingCertificate_IsACaSignedByTheRoot(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);
        var root = server.DataFile("root-ca.pem");
        var issuing = server.DataFile("issuing-ca.pem");

        var result = await OpenSsl.RunAsync(
        [
            "verify", "-x509_strict", "-CAfile", root,
            .. hierarchy == InteropAlgorithms.Sm2 ? new[] { "-vfyopt", OpenSsl.Sm2DistinguishingId } : [],
            issuing,
        ]);
        var extensions = await OpenSslExtensions.ReadAsync(issuing);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertCaExtensions(extensions);
        Assert.Equal((await OpenSslExtensions.ReadAsync(root)).KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier),
            extensions.KeyIdentifier(OpenSslExtensions.AuthorityKeyIdentifier));
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Bootstrap_CaChainFile_HoldsTheIssuingThenTheRootCertificate(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);

        var inChain = await SubjectsAsync(server.DataFile("ca-chain.pem"));

        Assert.Equal([.. await SubjectsAsync(server.DataFile("issuing-ca.pem")), .. await SubjectsAsync(server.DataFile("root-ca.pem"))], inChain);
    }

    [Theory]
    [MemberData(nameof(InteropAlgorithms.HierarchyData), MemberType = typeof(InteropAlgorithms))]
    public async Task Bootstrap_AdministratorKey_IsUnencryptedPkcs8MatchingTheCertificate(string hierarchy)
    {
        var server = await fixture.ServerAsync(hierarchy);

        var keyText = await File.ReadAllTextAsync(server.DataFile("admin.key"));
        var fromKey = await OpenSsl.OutputAsync("pkey", "-in", server.DataFile("admin.key"), "-pubout");
        var fromCertificate = await OpenSsl.OutputAsync("x509", "-in", server.DataFile("admin.pem"), "-noout", "-pubkey");

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyText, StringComparison.Ordinal);
        Assert.Equal(fromCertificate, fromKey);
    }

    private static void AssertCaExtensions(OpenSslExtensions extensions)
    {
        Assert.StartsWith("CA:TRUE", extensions.Value(OpenSslExtensions.BasicConstraints), StringComparison.Ordinal);
        Assert.True(extensions.IsCritical(OpenSslExtensions.BasicConstraints));
        Assert.Contains("Certificate Sign, CRL Sign", extensions.Value(OpenSslExtensions.KeyUsage), StringComparison.Ordinal);
        Assert.True(extensions.IsCritical(OpenSslExtensions.KeyUsage));
        Assert.False(string.IsNullOrEmpty(extensions.KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier)));
        Assert.False(extensions.Has(OpenSslExtensions.ExtendedKeyUsage));
    }

    // openssl prints the subject of every certificate of a PEM bundle, in file order, this way.
    private async Task<List<string>> SubjectsAsync(string pemFile)
    {
        var p7 = Path.Combine(fixture.NewDirectory(), "bundle.p7");
        await File.WriteAllTextAsync(p7, await OpenSsl.OutputAsync("crl2pkcs7", "-nocrl", "-certfile", pemFile));
        var printed = await OpenSsl.OutputAsync("pkcs7", "-in", p7, "-print_certs", "-noout");
        return [.. printed.Split('\n').Where(l => l.StartsWith("subject=", StringComparison.Ordinal))];
    }
}
