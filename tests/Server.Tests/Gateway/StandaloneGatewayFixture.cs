using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Verification;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// A gateway on its own (<c>Modules=gateway</c>) in front of a running upstream, fronting a whole
/// platform elsewhere, set up as an operator would: the platform's CA issues the gateway its
/// client certificate, its signing certificate (profile <c>gateway</c>) and its HTTPS certificate,
/// as files; the gateway is given the platform's address and CA chain, and nothing else of it.
/// </summary>
public sealed class StandaloneGatewayFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory platformData = new();
    private readonly TemporaryDirectory gatewayData = new();
    private readonly TemporaryDirectory files = new();

    public PlatformServer Platform { get; private set; } = null!;

    public PlatformServer Gateway { get; private set; } = null!;

    internal Upstream Upstream { get; private set; } = null!;

    /// <summary>The serial of the gateway's signing certificate.</summary>
    public string SigningSerial { get; private set; } = null!;

    public string File(string name) => Path.Combine(files.Path, name);

    public async ValueTask InitializeAsync()
    {
        Upstream = await Upstream.StartAsync();
        Platform = await PlatformServer.StartAsync(platformData.Path);
        using (var credential = await Authorization.AuthzClient.ClientCertificateAsync(Platform, "CN=Gateway of the approvals office,O=City"))
        {
            await System.IO.File.WriteAllTextAsync(File("client.pem"), credential.ExportCertificatePem());
            await System.IO.File.WriteAllTextAsync(File("client.key"), credential.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }

        SigningSerial = await IssueToFilesAsync("signing", "gateway", "CN=Approvals office gateway,O=City", withLoopbackAddress: false);
        await IssueToFilesAsync("tls", "tls-server", "CN=gateway.approvals.city.example", withLoopbackAddress: true);

        Gateway = await StartGatewayAsync();
        Upstream.Verifier = new GatewayIdentityVerifier(Client(), new Uri(Gateway.Https, "/gateway/keys"));
    }

    /// <summary>Starts the gateway on its own with the files above; <paramref name="extra"/> adds or overrides settings.</summary>
    public Task<PlatformServer> StartGatewayAsync(params string[] extra) => PlatformServer.StartAsync(gatewayData.Path,
    [
        "--Modules", "gateway",
        .. GatewayFixture.Arguments(Upstream.Address, GatewayFixture.DownAddress()),
        "--Gateway:Platform:Url", Platform.Https.ToString(),
        "--Gateway:Platform:ClientCertificateFile", File("client.pem"),
        "--Gateway:Platform:ClientKeyFile", File("client.key"),
        "--Gateway:Platform:TrustedCaFile", Platform.DataFile("ca-chain.pem"),
        "--Gateway:Platform:StatusRefreshSeconds", "1",
        "--Gateway:Signing:CertificateFile", File("signing.pem"),
        "--Gateway:Signing:KeyFile", File("signing.key"),
        "--Kestrel:Certificates:Default:Path", File("tls.pem"),
        "--Kestrel:Certificates:Default:KeyPath", File("tls.key"),
        .. extra,
    ]);

    /// <summary>A client of the gateway's HTTPS listener, trusting the platform's CAs, presenting <paramref name="certificate"/> if given.</summary>
    public HttpClient Client(X509Certificate2? certificate = null)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(Platform.DataFile("ca-chain.pem"));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = certificate is null ? null : SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    DisableCertificateDownloads = true,
                },
            },
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        return new HttpClient(handler) { BaseAddress = Gateway?.Https };
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Platform.DisposeAsync();
        await Upstream.DisposeAsync();
        files.Dispose();
        gatewayData.Dispose();
        platformData.Dispose();
    }

    private async Task<string> IssueToFilesAsync(string name, string profile, string subject, bool withLoopbackAddress)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (withLoopbackAddress)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(subject["CN=".Length..]);
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var issued = await Platform.IssueAsync(request.CreateSigningRequestPem(), profile);
        await System.IO.File.WriteAllTextAsync(File(name + ".pem"), string.Join('\n', [issued.Certificate, .. issued.Chain]));
        await System.IO.File.WriteAllTextAsync(File(name + ".key"), key.ExportPkcs8PrivateKeyPem());
        return issued.SerialNumber;
    }
}
