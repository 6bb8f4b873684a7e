using Server.Tests.Hosting;
using System.Collections.Concurrent;
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

    private async Task<IssuedChain> IssueNewAsync(string hierarchy, string keyAlgorithm, string profile)
    {
        var server = await ServerAsync(hierarchy);
        var csr = await Csrs.CsrAsync(keyAlgorithm, profile);
        var answer = await server.IssueAsync(csr, profile);
        return IssuedChain.Write(Path.Combine(work.Path, $"issued-{hierarchy}-{keyAlgorithm}-{profile}"), hierarchy, profile, answer.SerialNumber,
            answer.Certificate, await File.ReadAllTextAsync(server.DataFile("issuing-ca.pem")), await File.ReadAllTextAsync(server.DataFile("root-ca.pem")));
    }
}
