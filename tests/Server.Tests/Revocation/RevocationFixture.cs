using Server.Tests.Hosting;
using System.Security.Cryptography;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>A running platform and a work folder with its CA files, for tests that call openssl and certtool.</summary>
public sealed class RevocationFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public TemporaryDirectory Work { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Server = await PlatformServer.StartAsync(data.Path);
        foreach (var file in new[] { "root-ca.pem", "issuing-ca.pem", "ca-chain.pem" })
        {
            File.Copy(Server.DataFile(file), Work.File(file));
        }
    }

    /// <summary>Issues a tls-server certificate and writes it to <c>name.pem</c> in the work folder; returns its serial.</summary>
    public async Task<string> IssueToFileAsync(string name)
    {
        var issued = await Server.IssueAsync(TestCsrs.Ecdsa($"CN={name}.example.org", null, $"{name}.example.org"), "tls-server");
        await File.WriteAllTextAsync(Work.File(name + ".pem"), issued.Certificate);
        return issued.SerialNumber;
    }

    /// <summary>Downloads a CA's CRL (or delta CRL) as PEM into the work folder and returns the path.</summary>
    public async Task<string> DownloadCrlAsync(string ca, bool delta = false)
    {
        using var client = Server.HttpClient();
        var der = await client.GetByteArrayAsync($"/pki/cas/{ca}/{(delta ? "delta-crl" : "crl")}");
        var path = Work.File($"{ca}-{(delta ? "delta" : "full")}-{Guid.NewGuid():n}.pem");
        await File.WriteAllTextAsync(path, PemEncoding.WriteString("X509 CRL", der) + "\n");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
        Work.Dispose();
    }
}
