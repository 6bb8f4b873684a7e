using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Security;

/// <summary>
/// An HTTPS client held to one TCP connection, which counts the connections it opened, so a test can
/// show that its requests shared one keep-alive (HTTP/1.1) or multiplexed (HTTP/2) connection.
/// </summary>
internal sealed class OneConnectionClient : IDisposable
{
    private int connections;

    public OneConnectionClient(Uri https, X509Certificate2 clientCertificate, Version version)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true),
                // Trust of the server is not what these tests are about; the HTTPS listener's chain is tested elsewhere.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Client = new HttpClient(handler)
        {
            BaseAddress = https,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public HttpClient Client { get; }

    /// <summary>TCP connections opened so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    public void Dispose() => Client.Dispose();
}
