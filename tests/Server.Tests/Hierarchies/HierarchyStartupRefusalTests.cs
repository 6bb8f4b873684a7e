using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Hierarchies;

/// <summary>
/// Hierarchy settings only the running platform can check (a profile's CA, the default
/// hierarchy's algorithm, the transport hierarchy's algorithm), and that the configuration
/// checks run before anything is created: the platform refuses to start, naming the setting.
/// </summary>
public sealed class HierarchyStartupRefusalTests
{
    [Fact]
    public async Task Start_SameCaNameInTwoHierarchies_RefusesBeforeCreatingAnyCa()
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path,
            "--Pki:Hierarchies:alpha:IssuingCas:shared-issuing:Subject", "CN=A",
            "--Pki:Hierarchies:beta:IssuingCas:shared-issuing:Subject", "CN=B"));

        Assert.Contains("Pki:Hierarchies:beta", error.Message, StringComparison.Ordinal);
        Assert.Contains("'shared-issuing'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(data.Path, "*.pem"));
    }

    [Fact]
    public async Task Start_DefaultHierarchyUnknownAlgorithm_RefusesNamingTheSetting()
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PlatformServer.StartAsync(data.Path, "--Pki:Hierarchy:Algorithm", "DSA-1024"));

        Assert.StartsWith("Pki:Hierarchy:Algorithm 'DSA-1024'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "root-ca.pem")));
    }

    [Theory]
    [InlineData("no-such-ca")]
    [InlineData("root")]
    [InlineData("gov-root")]
    public async Task Start_ProfileBoundToNoIssuingCa_RefusesNamingTheProfilesCaSetting(string ca)
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path,
            "--Pki:Hierarchies:gov:Algorithm", "ECDSA-P384",
            "--Pki:Profiles:bound:Description", "bound to a CA",
            "--Pki:Profiles:bound:KeyUsage:0", "digitalSignature",
            "--Pki:Profiles:bound:Ca", ca));

        Assert.StartsWith($"Pki:Profiles:bound:Ca '{ca}' is not an issuing CA", error.Message, StringComparison.Ordinal);
        // The message lists what the profile could name instead.
        Assert.Contains("gov-issuing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RoleProfileBoundToTheSm2Ca_RefusesNamingTheProfilesCaSetting()
    {
        // Its certificates authenticate to the HTTPS listener, and no TLS stack verifies an SM2 chain.
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path,
            "--Pki:Hierarchy:Algorithm", "SM2",
            "--Pki:Profiles:operator:Description", "second administrators",
            "--Pki:Profiles:operator:KeyUsage:0", "digitalSignature",
            "--Pki:Profiles:operator:ExtendedKeyUsage:0", "clientAuth",
            "--Pki:Profiles:operator:Roles:0", "administrator",
            "--Pki:Profiles:operator:Ca", "issuing"));

        Assert.StartsWith("Pki:Profiles:operator:Ca 'issuing' uses SM2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProfileWithoutRolesBoundToTheSm2Ca_Starts()
    {
        // The control of the test above: only the role-carrying profile is refused.
        using var data = new TemporaryDirectory();

        await using var server = await PlatformServer.StartAsync(data.Path,
            "--Pki:Hierarchy:Algorithm", "SM2",
            "--Pki:Profiles:signer:Description", "SM2 signing",
            "--Pki:Profiles:signer:KeyUsage:0", "digitalSignature",
            "--Pki:Profiles:signer:Ca", "issuing");

        Assert.True(File.Exists(server.DataFile("transport-root-ca.pem")));
    }

    [Fact]
    public async Task Start_TransportHierarchyDefaultWhileTheDefaultIsSm2_RefusesNamingTheSetting()
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformServer.StartAsync(data.Path,
            "--Pki:Hierarchy:Algorithm", "SM2",
            "--Pki:TransportHierarchy", "default"));

        Assert.StartsWith("Pki:TransportHierarchy 'default' uses SM2", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "admin.pem")), "an administrator certificate was issued from the SM2 CA");
    }
}
