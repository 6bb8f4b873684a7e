namespace Server.Tests.Interop;

/// <summary>What RFC 5280 and each profile demand of an issued certificate, as OpenSSL reads it.</summary>
[Collection(InteropCollection.Name)]
public sealed class IssuedCertificateContentTests(InteropFixture fixture)
{
    [Theory]
    [MemberData(nameof(Data))]
    public async Task Issue_OpenSslCsr_SerialIsPositiveRandomAndAtMostTwentyOctets(string hierarchy, string keyAlgorithm, string profile)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, profile);

        var serial = await OpenSslSerialNumber.ReadAsync(issued.LeafFile);

        Assert.False(serial.Negative);
        Assert.InRange(serial.ContentOctets, 1, 20);
        Assert.True(serial.Bits >= 64, $"serial {serial.Hex} has {serial.Bits} bits");
        Assert.Equal(serial.Hex.TrimStart('0').ToLowerInvariant(), issued.SerialNumber);
    }

    [Theory]
    [MemberData(nameof(Data))]
    public async Task Issue_OpenSslCsr_KeyIdentifiersChainToTheIssuer(string hierarchy, string keyAlgorithm, string profile)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, profile);

        var leaf = await OpenSslExtensions.ReadAsync(issued.LeafFile);
        var issuing = await OpenSslExtensions.ReadAsync(issued.IssuingFile);

        var subjectKeyId = leaf.KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier);
        Assert.False(string.IsNullOrEmpty(subjectKeyId));
        Assert.False(leaf.IsCritical(OpenSslExtensions.SubjectKeyIdentifier));
        Assert.NotEqual(issuing.KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier), subjectKeyId);
        Assert.Equal(issuing.KeyIdentifier(OpenSslExtensions.SubjectKeyIdentifier), leaf.KeyIdentifier(OpenSslExtensions.AuthorityKeyIdentifier));
        Assert.False(leaf.IsCritical(OpenSslExtensions.AuthorityKeyIdentifier));
        Assert.Equal(
            await OpenSsl.OutputAsync("x509", "-in", issued.IssuingFile, "-noout", "-subject", "-nameopt", "RFC2253"),
            (await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-issuer", "-nameopt", "RFC2253")).Replace("issuer=", "subject=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Data))]
    public async Task Issue_OpenSslCsr_IsAnEndEntityWithTheProfilesUsages(string hierarchy, string keyAlgorithm, string profile)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, profile);

        var leaf = await OpenSslExtensions.ReadAsync(issued.LeafFile);

        Assert.Equal("CA:FALSE", leaf.Value(OpenSslExtensions.BasicConstraints));
        Assert.True(leaf.IsCritical(OpenSslExtensions.BasicConstraints));
        Assert.Equal(ExpectedKeyUsage(keyAlgorithm, profile), leaf.Value(OpenSslExtensions.KeyUsage));
        Assert.True(leaf.IsCritical(OpenSslExtensions.KeyUsage));
        Assert.Equal(ExpectedExtendedKeyUsage(profile), leaf.Value(OpenSslExtensions.ExtendedKeyUsage));
        Assert.False(leaf.IsCritical(OpenSslExtensions.ExtendedKeyUsage));
    }

    [Theory]
    [MemberData(nameof(Data))]
    public async Task Issue_OpenSslCsr_SubjectAndAlternativeNamesAreCopied(string hierarchy, string keyAlgorithm, string profile)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, profile);
        var csrFile = Path.Combine(fixture.NewDirectory(), "request.csr");
        await File.WriteAllTextAsync(csrFile, await fixture.Csrs.CsrAsync(keyAlgorithm, profile));

        var leaf = await OpenSslExtensions.ReadAsync(issued.LeafFile);

        Assert.Equal(ExpectedAlternativeNames(profile), leaf.Value(OpenSslExtensions.SubjectAlternativeName));
        // The subject is not empty, so RFC 5280 §4.2.1.6 wants the SAN extension non-critical.
        Assert.False(leaf.IsCritical(OpenSslExtensions.SubjectAlternativeName));
        Assert.Equal(
            await OpenSsl.OutputAsync("req", "-in", csrFile, "-noout", "-subject", "-nameopt", "RFC2253"),
            await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-subject", "-nameopt", "RFC2253"));
        Assert.Equal(
            await OpenSsl.OutputAsync("req", "-in", csrFile, "-noout", "-pubkey"),
            await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-pubkey"));
    }

    [Theory]
    [MemberData(nameof(Data))]
    public async Task Issue_OpenSslCsr_IsVersionThreeAndValidWithinTheIssuingCa(string hierarchy, string keyAlgorithm, string profile)
    {
        var issued = await fixture.IssueAsync(hierarchy, keyAlgorithm, profile);

        var text = await OpenSsl.OutputAsync("x509", "-in", issued.LeafFile, "-noout", "-text");
        var leafEnd = await NotAfterAsync(issued.LeafFile);
        var issuingEnd = await NotAfterAsync(issued.IssuingFile);

        Assert.Contains("Version: 3 (0x2)", text, StringComparison.Ordinal);
        Assert.True(leafEnd <= issuingEnd, $"leaf ends {leafEnd:O}, issuing CA {issuingEnd:O}");
        Assert.Equal(0, (await OpenSsl.RunAsync("x509", "-in", issued.LeafFile, "-noout", "-checkend", "0")).ExitCode);
    }

    public static TheoryData<string, string, string> Data()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var hierarchy in InteropAlgorithms.Hierarchies)
        {
            foreach (var key in new[] { InteropAlgorithms.Rsa2048, InteropAlgorithms.EcdsaP256, InteropAlgorithms.Ed25519, InteropAlgorithms.Sm2 })
            {
                foreach (var profile in ProfileRequest.Profiles)
                {
                    data.Add(hierarchy, key, profile);
                }
            }
        }

        return data;
    }

    private static string ExpectedKeyUsage(string keyAlgorithm, string profile) => profile switch
    {
        // Key encipherment is an RSA key's (TLS RSA key exchange); other keys only sign.
        ProfileRequest.TlsServer or ProfileRequest.TlsClient when keyAlgorithm.StartsWith("RSA", StringComparison.Ordinal) => "Digital Signature, Key Encipherment",
        ProfileRequest.TlsServer or ProfileRequest.TlsClient => "Digital Signature",
        ProfileRequest.DocumentSigning => "Digital Signature, Non Repudiation",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    private static string? ExpectedExtendedKeyUsage(string profile) => profile switch
    {
        ProfileRequest.TlsServer => "TLS Web Server Authentication",
        ProfileRequest.TlsClient => "TLS Web Client Authentication",
        _ => null,
    };

    private static string ExpectedAlternativeNames(string profile) => profile switch
    {
        ProfileRequest.TlsServer => "DNS:web.example.org, DNS:www.example.org, IP Address:192.0.2.10",
        ProfileRequest.TlsClient => "email:jane.clerk@example.org",
        ProfileRequest.DocumentSigning => "email:records@example.org",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    private static async Task<DateTimeOffset> NotAfterAsync(string certificateFile)
    {
        // -dateopt iso_8601 prints "notAfter=2027-12-31 23:59:59Z".
        var line = (await OpenSsl.OutputAsync("x509", "-in", certificateFile, "-noout", "-enddate", "-dateopt", "iso_8601")).Trim();
        return DateTimeOffset.Parse(line["notAfter=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
