using Server.Tests.Hosting;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Server.Tests.Bodies;

/// <summary>
/// A hand-driven HTTP/1.1 connection to the real server, plain or TLS (presenting the bootstrap
/// administrator's certificate), so a test can send a body as no well-behaved client would:
/// shorter than announced, stalled, or far too large.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly Stream stream;

    private RawHttpConnection(TcpClient tcp, Stream stream)
    {
        this.tcp = tcp;
        this.stream = stream;
    }

    /// <summary>Connects to the plain HTTP listener.</summary>
    public static async Task<RawHttpConnection> PlainAsync(PlatformServer server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Http.Host, server.Http.Port);
        return new RawHttpConnection(tcp, tcp.GetStream());
    }

    /// <summary>Connects to the HTTPS listener as the bootstrap administrator.</summary>
    public static async Task<RawHttpConnection> AdminAsync(PlatformServer server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Https.Host, server.Https.Port);
        var admin = X509Certificate2.CreateFromPemFile(server.DataFile("admin.pem"), server.DataFile("admin.key"));
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificateContext = SslStreamCertificateContext.Create(admin, additionalCertificates: null, offline: true),
            // The server's own certificate is not what these tests are about.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return new RawHttpConnection(tcp, ssl);
    }

    /// <summary>The head of a POST to <paramref name="path"/>; <paramref name="length"/> null means chunked.</summary>
    public static string Head(string path, string contentType, long? length) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\n" +
        (length is { } l ? $"Content-Length: {l}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";

    public async Task SendAsync(string text) => await SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Says that nothing more will be sent (TLS close_notify, then TCP FIN), keeping the connection open to read.</summary>
    public async Task HalfCloseAsync()
    {
        if (stream is SslStream ssl)
        {
            await ssl.ShutdownAsync();
        }

        tcp.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Reads until the server closes (every refusal of a body closes the connection), at most <paramref name="limit"/>.</summary>
    public async Task<RawAnswer?> ReadAnswerAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset after the answer, or a server that never closed: what arrived is judged below.
        }

        return RawAnswer.Parse(received.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }
}
