using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pki.Ca.Hierarchy;
using Server.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Server.Tests.Hosting;

/// <summary>
/// The real platform host, in this process, on free loopback ports with real HTTP and HTTPS
/// listeners, over a data directory the test owns. Stopping and starting again on the same
/// directory is a restart.
/// </summary>
public sealed class PlatformServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private PlatformServer(WebApplication app, string dataDirectory, Uri http, Uri https)
    {
        this.app = app;
        DataDirectory = dataDirectory;
        Http = http;
        Https = https;
    }

    public string DataDirectory { get; }

    public Uri Http { get; }

    public Uri Https { get; }

    public IServiceProvider Services => app.Services;

    public string DataFile(string name) => Path.Combine(DataDirectory, name);

    /// <summary>Starts the platform; extra arguments are configuration (<c>--Pki:Hierarchy:Algorithm SM2</c>).</summary>
    public static Task<PlatformServer> StartAsync(string dataDirectory, params string[] arguments) =>
        StartAsync(dataDirectory, null, arguments);

    /// <summary>
    /// Starts the platform after <paramref name="configure"/> has seen the builder: services it
    /// registers come before the modules' own, which the modules' <c>TryAdd*</c> then keep.
    /// </summary>
    public static async Task<PlatformServer> StartAsync(string dataDirectory, Action<WebApplicationBuilder>? configure, params string[] arguments)
    {
        // A free port may be taken by another test between FreePort and the bind: try new ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(dataDirectory, configure, arguments);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<PlatformServer> StartOnFreePortsAsync(string dataDirectory, Action<WebApplicationBuilder>? configure, string[] arguments)
    {
        var http = new Uri($"http://127.0.0.1:{FreePort()}");
        var https = new Uri($"https://127.0.0.1:{FreePort()}");
        string[] args =
        [
            "--urls", $"{http.OriginalString};{https.OriginalString}",
            "--Platform:DataDirectory", dataDirectory,
            "--Platform:PublicBaseUrl", http.OriginalString,
            "--Serilog:MinimumLevel:Default", "Warning",
            .. arguments,
        ];
        var app = PlatformHost.Build(args, configure);
        try
        {
            await PlatformHost.StartAsync(app);
        }
        catch
        {
            // A platform that refused to start (a test may expect it to) leaves nothing running.
            await app.DisposeAsync();
            throw;
        }

        return new PlatformServer(app, dataDirectory, http, https);
    }

    /// <summary>A client on the HTTPS listener presenting the bootstrap administrator's certificate.</summary>
    public HttpClient AdminClient() =>
        HttpsClient(X509Certificate2.CreateFromPemFile(DataFile("admin.pem"), DataFile("admin.key")));

    /// <summary>A client on the HTTPS listener, presenting <paramref name="clientCertificate"/> if given; a browser-like one keeps cookies and shows each redirect.</summary>
    public HttpClient HttpsClient(X509Certificate2? clientCertificate = null, bool followRedirects = true)
    {
        // The listener's chain comes from the transport hierarchy: the default one, unless TLS stacks refuse its algorithm.
        var registry = Services.GetRequiredService<CaRegistry>();
        var transport = registry.Chain(registry.TransportIssuing);
        var root = X509CertificateLoader.LoadCertificate(transport[^1].Der);
        var issuing = X509CertificateLoader.LoadCertificate(transport[0].Der);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            SslOptions = new SslClientAuthenticationOptions
            {
                // The certificate alone, as most clients send it (.NET would otherwise fetch the issuing
                // CA through AIA and send it along; HttpsListenerInteropTests covers that case).
                ClientCertificateContext = clientCertificate is null
                    ? null
                    : SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true),
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TrustsOurRoot(certificate, root, issuing),
            },
        };
        return new HttpClient(handler) { BaseAddress = Https };
    }

    /// <summary>A client on the plain HTTP listener.</summary>
    public HttpClient HttpClient() => new() { BaseAddress = Http };

    /// <summary>Issues a certificate as the administrator; throws unless the platform answers 201.</summary>
    public async Task<IssuedCertificateJson> IssueAsync(string csrPem, string profile)
    {
        using var client = AdminClient();
        using var response = await client.PostAsJsonAsync("/pki/certificates", new { csr = csrPem, profile });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Issuance failed: {(int)response.StatusCode} {body}");
        }

        return JsonSerializer.Deserialize<IssuedCertificateJson>(body, JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static bool TrustsOurRoot(X509Certificate? presented, X509Certificate2 root, X509Certificate2 issuing)
    {
        if (presented is null)
        {
            return false;
        }

        // .NET cannot check SM2 or Ed25519 signatures; chains of those hierarchies are checked by
        // the interop tests with OpenSSL instead, so here it is enough that the root is ours.
        if (root.PublicKey.Oid.Value is not ("1.2.840.10045.2.1" or "1.2.840.113549.1.1.1")
            || root.SignatureAlgorithm.Value is "1.2.156.10197.1.501")
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.Add(issuing);
        return chain.Build(new X509Certificate2(presented));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The answer of <c>POST /pki/certificates</c>.</summary>
public sealed record IssuedCertificateJson(string SerialNumber, string Certificate, string[] Chain);
