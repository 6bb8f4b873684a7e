using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// Applications behind the gateway on HTTPS: one with a TLS server certificate of the platform's own
/// CA is reached without installing the city's root on the machine; one with a certificate of
/// another CA is not.
/// </summary>
public sealed class GatewayHttpsUpstreamTests
{
    [Fact]
    public async Task UpstreamWithThePlatformsCertificate_IsReached_OneOfAnotherCaIsRefused()
    {
        var (ours, foreign) = (FreePort(), FreePort());
        using var data = new TemporaryDirectory();
        using var files = new TemporaryDirectory();
        await using var server = await PlatformServer.StartAsync(data.Path,
            "--Gateway:Routes:ours:Match:Path", "/ours/{**rest}", "--Gateway:Routes:ours:ClusterId", "ours",
            "--Gateway:Routes:ours:Metadata:Authentication", "Anonymous",
            "--Gateway:Routes:foreign:Match:Path", "/foreign/{**rest}", "--Gateway:Routes:foreign:ClusterId", "foreign",
            "--Gateway:Routes:foreign:Metadata:Authentication", "Anonymous",
            "--Gateway:Clusters:ours:Destinations:app:Address", $"https://127.0.0.1:{ours}/",
            "--Gateway:Clusters:foreign:Destinations:app:Address", $"https://127.0.0.1:{foreign}/");
        var tls = await LoopbackTlsCertificate.IssueAsync(server, files, "upstream");
        using var issued = X509Certificate2.CreateFromPemFile(tls.CertificateFile, tls.KeyFile);
        using var selfSigned = SelfSigned();
        await using var ourUpstream = await Upstream.StartAsync(ours, issued);
        await using var foreignUpstream = await Upstream.StartAsync(foreign, selfSigned);
        using var client = server.HttpClient();

        using var reached = await client.GetAsync("/ours/report");
        using var refused = await client.GetAsync("/foreign/report");

        Assert.Equal(HttpStatusCode.OK, reached.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadGateway, "upstream-unavailable");
        Assert.Empty(foreignUpstream.Received);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
