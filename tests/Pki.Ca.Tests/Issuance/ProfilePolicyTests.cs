using TestSupport;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;

namespace Pki.Ca.Tests.Issuance;

public sealed class ProfilePolicyTests
{
    private static readonly ProfileCatalog Catalog = new(new CaOptions());

    [Fact]
    public void Check_TlsServerWithDnsSan_Accepts() =>
        Assert.Null(Check("tls-server", TestCsrs.Ecdsa("CN=web.example.org", null, "web.example.org")));

    [Fact]
    public void Check_TlsServerWithoutSan_RequiresOne() =>
        Assert.Equal("san-required", Check("tls-server", TestCsrs.Ecdsa("CN=web.example.org"))!.Code!.Value);

    [Fact]
    public void Check_TlsServerWithEmailSan_RefusesTheSanType() =>
        Assert.Equal("san-forbidden", Check("tls-server", TestCsrs.WithEmail("CN=x", "x@example.org"))!.Code!.Value);

    [Fact]
    public void Check_TlsServerCommonNameNotInSans_Refuses() =>
        Assert.Equal("common-name-not-in-san", Check("tls-server", TestCsrs.Ecdsa("CN=other.example.org", null, "web.example.org"))!.Code!.Value);

    [Fact]
    public void Check_TlsServerWithIpSan_Accepts() =>
        Assert.Null(Check("tls-server", TestCsrs.WithIp("CN=10.1.2.3", "10.1.2.3")));

    [Theory]
    [InlineData("bad_name.example.org")]
    [InlineData("-lead.example.org")]
    [InlineData("*.example.org")]
    public void Check_TlsServerWithInvalidDnsName_Refuses(string name) =>
        Assert.Equal("san-invalid", Check("tls-server", TestCsrs.Ecdsa("O=x", null, name))!.Code!.Value);

    [Fact]
    public void Check_TlsClientWithoutCommonName_RequiresOne() =>
        Assert.Equal("common-name-required", Check("tls-client", TestCsrs.Ecdsa("O=Department of Works"))!.Code!.Value);

    [Fact]
    public void Check_DocumentSigningWithEmail_Accepts() =>
        Assert.Null(Check("document-signing", TestCsrs.WithEmail("CN=Alice Clerk,O=Department of Works", "alice@example.org")));

    [Fact]
    public void Check_ForbiddenSubjectAttribute_Refuses() =>
        Assert.Equal("subject-attribute-forbidden", Check("tls-client", TestCsrs.Ecdsa("CN=a,DC=example"))!.Code!.Value);

    [Fact]
    public void Check_KeyNotInProfile_Refuses()
    {
        var options = new CaOptions();
        options.Profiles["ec-only"] = new ProfileOptions { AllowedKeyAlgorithms = ["ECDSA-P384"], RequireCommonName = true };
        var catalog = new ProfileCatalog(options);
        Assert.True(catalog.TryGet("ec-only", out var profile));

        var error = ProfilePolicy.Check(profile, CsrParser.Parse(TestCsrs.Ecdsa()).Csr!);

        Assert.Equal("key-not-allowed", error!.Code!.Value);
    }

    [Fact]
    public void Catalog_BadConfiguredProfile_RefusesToStart()
    {
        var options = new CaOptions();
        options.Profiles["broken"] = new ProfileOptions { KeyUsage = ["teleportation"] };

        var error = Assert.Throws<InvalidOperationException>(() => new ProfileCatalog(options));

        Assert.Contains("teleportation", error.Message, StringComparison.Ordinal);
    }

    private static IssuanceError? Check(string profileName, string csrPem)
    {
        Assert.True(Catalog.TryGet(profileName, out var profile));
        var (csr, error) = CsrParser.Parse(csrPem);
        Assert.Null(error);
        return ProfilePolicy.Check(profile, csr!);
    }
}
