using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Server.Tests.Tsa;

/// <summary>
/// An SNTP server on loopback whose clock is the real one plus <see cref="Offset"/>, and which can
/// fall silent: the TSA's clock monitor talks to it over real UDP packets.
/// </summary>
public sealed class FakeNtpServer : IDisposable
{
    private static readonly DateTimeOffset Era = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeNtpServer() => loop = Task.Run(ServeAsync);

    public int Port => ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

    /// <summary>How far this server's clock is ahead of the machine's.</summary>
    public TimeSpan Offset { get; set; }

    /// <summary>When true, requests get no answer.</summary>
    public bool Silent { get; set; }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The receive loop ends by its socket being closed.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await socket.ReceiveAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Silent || request.Buffer.Length < 48)
            {
                continue;
            }

            var now = DateTimeOffset.UtcNow + Offset;
            var reply = new byte[48];
            reply[0] = 0x24; // LI 0, version 4, mode 4 (server)
            reply[1] = 2; // stratum
            request.Buffer.AsSpan(40, 8).CopyTo(reply.AsSpan(24)); // originate = the client's transmit time
            Write(reply.AsSpan(32), now);
            Write(reply.AsSpan(40), now);
            await socket.SendAsync(reply, request.RemoteEndPoint, stop.Token);
        }
    }

    private static void Write(Span<byte> destination, DateTimeOffset value)
    {
        var ticks = (value - Era).Ticks;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)((ulong)(ticks % TimeSpan.TicksPerSecond) * 0x1_0000_0000UL / TimeSpan.TicksPerSecond));
    }
}
