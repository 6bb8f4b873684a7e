using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pki.Ca.Hierarchy;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Acme;

/// <summary>
/// The platform's ACME server as the clients under test see it, validating on loopback: two
/// platforms, one taking accounts without a binding and one (the default) requiring it, whose
/// department holds <c>example.test</c>; both resolve names with pebble-challtestsrv (every name is
/// 127.0.0.1) and fetch http-01 answers from one port the clients listen on.
/// </summary>
public sealed class PlatformAcmeFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory work = new();
    private readonly ConcurrentQueue<ExternalAccountKey> keys = new();
    private ChallengeTestServer? dns;
    private HttpClient? officer;
    private AcmeServerUnderTest bound = null!;

    public PlatformServer OpenPlatform { get; private set; } = null!;

    public PlatformServer BoundPlatform { get; private set; } = null!;

    /// <summary>The platform taking accounts without a binding.</summary>
    public AcmeServerUnderTest Open { get; private set; } = null!;

    /// <summary>The platform requiring a binding, with a binding key of its own for each use: a key binds one account.</summary>
    public AcmeServerUnderTest RequiringExternalAccount => bound with { ExternalAccount = keys.TryDequeue(out var key) ? key : throw new InvalidOperationException("No binding key left.") };

    /// <summary>The department of the binding platform, which holds <c>example.test</c>.</summary>
    public string Department { get; private set; } = "";

    public ChallengeTestServer Dns => dns!;

    public int HttpValidationPort { get; private set; }

    public int TlsValidationPort { get; private set; }

    public string NewDirectory() => Directory.CreateDirectory(Path.Combine(work.Path, "t-" + Guid.NewGuid().ToString("n"))).FullName;

    public async ValueTask InitializeAsync()
    {
        foreach (var tool in new[] { "pebble-challtestsrv", "certbot", "lego", "openssl" })
        {
            ExternalTool.Require(tool);
        }

        dns = await ChallengeTestServer.StartAsync();
        (HttpValidationPort, TlsValidationPort) = LoopbackPorts.Take(2) is [var http, var tls] ? (http, tls) : throw new InvalidOperationException();
        string[] validation =
        [
            "--Pki:Acme:Validation:HttpPort", $"{HttpValidationPort}", "--Pki:Acme:Validation:TlsPort", $"{TlsValidationPort}",
            "--Pki:Acme:Validation:Resolvers:0", dns.DnsResolver, "--Pki:Acme:Validation:Timeout", "00:00:05",
        ];
        OpenPlatform = await PlatformServer.StartAsync(Directory.CreateDirectory(work.File("open")).FullName, [.. validation, "--Pki:Acme:ExternalAccountRequired", "false"]);
        BoundPlatform = await PlatformServer.StartAsync(Directory.CreateDirectory(work.File("bound")).FullName, validation);
        Open = await DescribeAsync(OpenPlatform, work.File("open-"));
        bound = await DescribeAsync(BoundPlatform, work.File("bound-"));

        Department = $"acme-{Guid.NewGuid():n}"[..17];
        using (var admin = BoundPlatform.AdminClient())
        {
            using var created = await admin.PostAsJsonAsync("/pki/departments", new
            {
                name = Department, displayName = "Data-exchange hub", dnsSuffixes = new[] { "example.test" }, profiles = new[] { "tls-server" },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        officer = BoundPlatform.HttpsClient(await PersonAsync(BoundPlatform, Department, "registration-officer"));
        for (var i = 0; i < 4; i++)
        {
            keys.Enqueue(await NewKeyAsync());
        }
    }

    /// <summary>A binding key for the department, as its registration officer receives it.</summary>
    public async Task<ExternalAccountKey> NewKeyAsync()
    {
        using var response = await officer!.PostAsJsonAsync($"/pki/departments/{Department}/acme-keys", new { });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return new ExternalAccountKey(json.RootElement.GetProperty("kid").GetString()!, json.RootElement.GetProperty("hmacKey").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        officer?.Dispose();
        foreach (var disposable in new IAsyncDisposable?[] { OpenPlatform, BoundPlatform, dns })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }

        work.Dispose();
    }

    /// <summary>The server as the clients see it: its HTTPS listener's root to trust, its issuing root to verify what it issues.</summary>
    private async Task<AcmeServerUnderTest> DescribeAsync(PlatformServer platform, string prefix)
    {
        var registry = platform.Services.GetRequiredService<CaRegistry>();
        var tlsRoot = prefix + "tls-root.pem";
        var issuerRoot = prefix + "issuer-root.pem";
        await File.WriteAllTextAsync(tlsRoot, registry.Chain(registry.TransportIssuing)[^1].Pem);
        await File.WriteAllTextAsync(issuerRoot, registry.Root.Pem);
        return new AcmeServerUnderTest(new Uri(platform.Https, "/acme/directory"), tlsRoot, HttpValidationPort, dns!.DnsResolver, dns.ManagementUrl, issuerRoot);
    }
}

/// <summary>The ACME client tests against the platform share its two servers and one validation port.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformAcmeCollection : ICollectionFixture<PlatformAcmeFixture>
{
    public const string Name = "Platform ACME";
}

/// <summary>certbot and lego against the platform's ACME server: the same runs that pass against pebble.</summary>
[Collection(PlatformAcmeCollection.Name)]
public sealed class PlatformAcmeClientTests(PlatformAcmeFixture platform) : AcmeClientInteropTests
{
    protected override AcmeServerUnderTest Server => platform.Open;

    protected override AcmeServerUnderTest ServerRequiringExternalAccount => platform.RequiringExternalAccount;

    protected override string NewDirectory() => platform.NewDirectory();
}
