using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Audit.Tests.Export;

/// <summary>What the syslog daemons of the tests (rsyslogd, syslog-ng) share: waiting for one to listen.</summary>
internal static class CollectorProcess
{
    /// <summary>Returns once <paramref name="port"/> accepts a connection; throws with the daemon's output when it exits or takes 10 s.</summary>
    public static async Task WaitListeningAsync(Process process, int port, string name, Func<string> output)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{name} did not start listening:\n{output()}");
    }
}
