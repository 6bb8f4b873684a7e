using Server.Tests.Hosting;
using System.Collections.Concurrent;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// One real platform per hierarchy algorithm, started on first use and shared by every interop
/// test, and the certificates they issued, so each (hierarchy, key, profile) is issued once and
/// checked by every tool.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory work = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<PlatformServer>>> servers = new();
    private readonly ConcurrentDictionary<(string Hierarchy, string Key, string Profile), Lazy<Task<IssuedChain>>> issued = new();

    public InteropFixture() => Csrs = new CsrFactory(Directory.CreateDirectory(Path.Combine(work.Path, "requests")).FullName);

    public CsrFactory Csrs { get; }

    /// <summary>A directory for one test's files.</summary>
    public string NewDirectory() => Directory.CreateDirectory(Path.Combine(work.Path, "t-" + Guid.NewGuid().ToString("n"))).FullName;

    /// <summary>The platform whose hierarchy uses <paramref name="hierarchy"/>.</summary>
    public Task<PlatformServer> ServerAsync(string hierarchy) =>
        servers.GetOrAdd(hierarchy, h => new(() => PlatformServer.StartAsync(
            Directory.CreateDirectory(Path.Combine(work.Path, "data-" + h)).FullName, "--Pki:Hierarchy:Algorithm", h))).Value;

    /// <summary>A certificate for an OpenSSL-made CSR with a <paramref name="keyAlgorithm"/> key under <paramref name="profile"/>.</summary>
    public Task<IssuedChain> IssueAsync(string hierarchy, string keyAlgorithm, string profile) =>
        issued.GetOrAdd((hierarchy, keyAlgorithm, profile), k => new(() => IssueNewAsync(k.Hierarchy, k.Key, k.Profile))).Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers.Values.Where(s => s.IsValueCreated))
        {
            if (server.Value.IsCompletedSuccessfully)
            {
                await server.Value.Result.DisposeAsync();
            }
        }

        work.Dispose();
    }

    /// <summary>
    /// The root curl trusts to authenticate the platform's HTTPS listener: the transport
    /// hierarchy's (see <see cref="Transport"/>).
    /// </summary>
    public static string TrustedRoot(PlatformServer server, string hierarchy) => Transport(server, hierarchy).RootFile;

    /// <summary>
    /// The hierarchy the platform's TLS credentials (HTTPS listener, administrator) come from:
    /// the default one, or the built-in ECDSA P-256 <c>transport</c> hierarchy when the default
    /// is SM2, whose chains TLS stacks refuse.
    /// </summary>
    public static TransportFiles Transport(PlatformServer server, string hierarchy) => hierarchy == InteropAlgorithms.Sm2
        ? new(InteropAlgorithms.EcdsaP256, server.DataFile("transport-root-ca.pem"), server.DataFile("transport-issuing-ca.pem"))
        : new(hierarchy, server.DataFile("root-ca.pem"), server.DataFile("issuing-ca.pem"));

    /// <summary>
    /// Asks for a certificate with curl, as an operator would (README), presenting the
    /// administrator's certificate alone.
    /// </summary>
    public async Task<IssuedCertificateJson> IssueWithCurlAsync(PlatformServer server, string hierarchy, string csr, string profile)
    {
        var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), TrustedRoot(server, hierarchy),
            JsonSerializer.Serialize(new { csr, profile }), NewDirectory(), server.DataFile("admin.pem"), server.DataFile("admin.key"));
        if (answer.Status != 201)
        {
            throw new InvalidOperationException($"Issuance failed: {answer.Status} {answer.Body}");
        }

        return JsonSerializer.Deserialize<IssuedCertificateJson>(answer.Body, JsonSerializerOptions.Web)!;
    }

    private async Task<IssuedChain> IssueNewAsync(string hierarchy, string keyAlgorithm, string profile)
    {
        var server = await ServerAsync(hierarchy);
        var answer = await IssueWithCurlAsync(server, hierarchy, await Csrs.CsrAsync(keyAlgorithm, profile), profile);
        return IssuedChain.Write(Path.Combine(work.Path, $"issued-{hierarchy}-{keyAlgorithm}-{profile}"), hierarchy, profile, answer.SerialNumber,
            answer.Certificate, await File.ReadAllTextAsync(server.DataFile("issuing-ca.pem")), await File.ReadAllTextAsync(server.DataFile("root-ca.pem")));
    }
}
