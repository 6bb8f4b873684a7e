using System.Net;
using System.Net.Sockets;

namespace Pki.Ca.Acme.Validation;

/// <summary>Connects to a name being validated at the addresses the validation resolver gives for it, one after the other.</summary>
internal sealed class ValidationConnections(ValidationResolver resolver)
{
    public async Task<(Socket? Socket, AcmeRefusal? Refusal)> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        IReadOnlyList<IPAddress> addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await resolver.AddressesAsync(host, cancellationToken);
            if (addresses.Count == 0)
            {
                return (null, new AcmeRefusal(AcmeProblems.Dns, $"{host} has no A or AAAA record."));
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return (socket, null);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        return (null, new AcmeRefusal(AcmeProblems.Connection, $"Could not connect to {host} port {port}: {last?.SocketErrorCode}."));
    }
}
