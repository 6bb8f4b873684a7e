using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pki.Tsa.Clock;

/// <summary>
/// An SNTP v4 client (RFC 4330): one request, one answer, the clock offset from the four
/// timestamps. Answers that are not a server's reply to this very request (mode, originate
/// timestamp), or that say the server is unsynchronized, count as no answer.
/// </summary>
public sealed class NtpTimeSource(string host, int port, TimeSpan timeout, TimeProvider time) : ITimeSource
{
    private static readonly DateTimeOffset Era = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public string Name => $"ntp://{host}:{port}";

    /// <summary>Parses <c>host</c> or <c>host:port</c> (default port 123).</summary>
    public static NtpTimeSource Parse(string server, TimeSpan timeout, TimeProvider time)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0 && int.TryParse(server[(colon + 1)..], out var port)
            ? new NtpTimeSource(server[..colon], port, timeout, time)
            : new NtpTimeSource(server, 123, timeout, time);
    }

    /// <inheritdoc />
    public async Task<TimeSpan?> MeasureOffsetAsync(CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancel.Token);
            using var socket = new UdpClient(addresses[0].AddressFamily);
            socket.Connect(addresses[0], port);
            var request = new byte[48];
            request[0] = 0x23; // LI 0, version 4, mode 3 (client)
            var sent = time.GetUtcNow();
            WriteTimestamp(request.AsSpan(40), sent);
            await socket.SendAsync(request, cancel.Token);
            var reply = await socket.ReceiveAsync(cancel.Token);
            var received = time.GetUtcNow();
            return Offset(request, reply.Buffer, sent, received);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The offset, or null when the reply is not a valid answer to <paramref name="request"/>.</summary>
    internal static TimeSpan? Offset(byte[] request, byte[] reply, DateTimeOffset sent, DateTimeOffset received)
    {
        var mode = reply.Length >= 48 ? reply[0] & 0x07 : 0;
        var leap = reply.Length >= 48 ? reply[0] >> 6 : 3;
        if (mode != 4 || leap == 3 || reply[1] is 0 or > 15 || !reply.AsSpan(24, 8).SequenceEqual(request.AsSpan(40, 8)))
        {
            return null;
        }

        var serverReceived = ReadTimestamp(reply.AsSpan(32));
        var serverSent = ReadTimestamp(reply.AsSpan(40));
        // Server minus client, averaged over both legs; the platform reports client minus server.
        var serverAhead = ((serverReceived - sent) + (serverSent - received)) / 2;
        return -serverAhead;
    }

    internal static void WriteTimestamp(Span<byte> destination, DateTimeOffset value)
    {
        var ticks = (value - Era).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * 0x1_0000_0000UL / TimeSpan.TicksPerSecond;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)fraction);
    }

    internal static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> source)
    {
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
        var fraction = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        return Era.AddTicks((seconds * TimeSpan.TicksPerSecond) + (long)(fraction * (ulong)TimeSpan.TicksPerSecond / 0x1_0000_0000UL));
    }
}
