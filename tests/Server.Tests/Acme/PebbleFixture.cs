using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// One pebble-challtestsrv and two pebbles for all ACME client tests: one open to any account,
/// one requiring external account binding (a server-wide setting in pebble). Both validate
/// http-01 on the same port, which is safe because the tests of one collection run one at a time.
/// </summary>
public sealed class PebbleFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory work = new();
    private ChallengeTestServer? dns;
    private PebbleServer? open;
    private PebbleServer? bound;
    private AcmeServerUnderTest? openServer;
    private AcmeServerUnderTest? boundServer;
    private string? missingTool;

    /// <summary>Pebble accepting accounts without a binding; skips the test when a tool is missing.</summary>
    public AcmeServerUnderTest Open => Started(openServer);

    /// <summary>Pebble refusing accounts without a binding; <see cref="AcmeServerUnderTest.ExternalAccount"/> is its key.</summary>
    public AcmeServerUnderTest RequiringExternalAccount => Started(boundServer);

    /// <summary>A directory for one test's files.</summary>
    public string NewDirectory() => Directory.CreateDirectory(Path.Combine(work.Path, "t-" + Guid.NewGuid().ToString("n"))).FullName;

    public async ValueTask InitializeAsync()
    {
        // Every tool the tests run: when one is missing nothing starts, and each test skips with
        // its name (a skip thrown here would fail the tests instead).
        missingTool = new[] { "pebble", "pebble-challtestsrv", "certbot", "lego", "openssl", "curl" }.FirstOrDefault(t => ExternalTool.Find(t) is null);
        if (missingTool is not null)
        {
            return;
        }

        var tls = ThrowawayTlsCertificates.Write(work.Path);
        dns = await ChallengeTestServer.StartAsync();
        var httpValidationPort = LoopbackPorts.Take(1)[0];
        var key = ExternalAccountKey.Random("kid-test");
        open = await PebbleServer.StartAsync(Directory.CreateDirectory(work.File("open")).FullName, dns, tls, httpValidationPort);
        bound = await PebbleServer.StartAsync(Directory.CreateDirectory(work.File("bound")).FullName, dns, tls, httpValidationPort, key);
        openServer = await DescribeAsync(open, dns, work.File("open/issuer-root.pem"), null);
        boundServer = await DescribeAsync(bound, dns, work.File("bound/issuer-root.pem"), key);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tool in new IAsyncDisposable?[] { open, bound, dns })
        {
            if (tool is not null)
            {
                await tool.DisposeAsync();
            }
        }

        work.Dispose();
    }

    private AcmeServerUnderTest Started(AcmeServerUnderTest? server)
    {
        if (missingTool is not null)
        {
            Assert.Skip($"'{missingTool}' is not installed on this machine (Debian packages pebble, certbot, lego); CI installs it.");
        }

        return server!;
    }

    private static async Task<AcmeServerUnderTest> DescribeAsync(PebbleServer pebble, ChallengeTestServer dns, string rootFile, ExternalAccountKey? key) =>
        new(pebble.DirectoryUrl, pebble.CaBundlePath, pebble.HttpValidationPort, dns.DnsResolver, dns.ManagementUrl,
            await pebble.WriteIssuerRootAsync(rootFile), key);
}
