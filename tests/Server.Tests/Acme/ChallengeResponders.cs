using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Server.Tests.Acme;

/// <summary>What a name's holder runs to answer the platform's challenges on loopback: an http-01 responder and a tls-alpn-01 one.</summary>
internal static class ChallengeResponders
{
    /// <summary>Answers <c>GET /.well-known/acme-challenge/{token}</c> with <paramref name="answer"/> on 127.0.0.1:<paramref name="port"/> until disposed.</summary>
    public static IDisposable Http01(int port, string token, string answer)
    {
        var listener = new HttpListener();
        // Any host: the platform asks for the name being validated, which resolves to loopback.
        listener.Prefixes.Add($"http://*:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var found = context.Request.Url?.AbsolutePath == "/.well-known/acme-challenge/" + token;
                context.Response.StatusCode = found ? 200 : 404;
                var body = Encoding.ASCII.GetBytes(found ? answer : "not found");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        return listener;
    }

    /// <summary>
    /// RFC 8737: a TLS listener on 127.0.0.1:<paramref name="port"/> negotiating <c>acme-tls/1</c> with a
    /// self-signed certificate for <paramref name="name"/> carrying the key authorization's digest.
    /// </summary>
    public static IDisposable TlsAlpn01(int port, string name, string keyAuthorization)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(name);
        request.CertificateExtensions.Add(sans.Build());
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.5.5.7.1.31", [0x04, 0x20, .. SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization))], critical: true));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                using (client)
                await using (var tls = new SslStream(client.GetStream()))
                {
                    try
                    {
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                        {
                            ServerCertificate = certificate,
                            ApplicationProtocols = [new SslApplicationProtocol("acme-tls/1")],
                        });
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                    {
                    }
                }
            }
        });
        return new Stopper(() =>
        {
            listener.Stop();
            certificate.Dispose();
            key.Dispose();
        });
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
