using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Audit.Tests.Export;

/// <summary>A real rsyslogd in the foreground, receiving RFC 5424 over TCP into a file the test reads.</summary>
internal sealed class RsyslogServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly TemporaryDirectory directory;

    private RsyslogServer(Process process, TemporaryDirectory directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string? Executable => ExternalTool.Find("rsyslogd") ?? (File.Exists("/usr/sbin/rsyslogd") ? "/usr/sbin/rsyslogd" : null);

    public static async Task<RsyslogServer> StartAsync(int? port = null)
    {
        if (Executable is null)
        {
            Assert.Skip("rsyslogd is not installed (Debian package rsyslog).");
        }

        var directory = new TemporaryDirectory();
        var chosen = port ?? FreePort();
        await File.WriteAllTextAsync(directory.File("rsyslog.conf"), $$"""
            global(workDirectory="{{directory.Path}}")
            module(load="imtcp")
            template(name="raw" type="string" string="%rawmsg%\n")
            ruleset(name="audit") { action(type="omfile" file="{{directory.File("audit.log")}}" template="raw" flushOnTXEnd="on") }
            input(type="imtcp" port="{{chosen}}" address="127.0.0.1" ruleset="audit")
            """);
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-n", "-f", directory.File("rsyslog.conf"), "-i", directory.File("rsyslog.pid")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RsyslogServer(process, directory, chosen);
        await server.WaitListeningAsync();
        return server;
    }

    /// <summary>The messages received so far, one per line.</summary>
    public IReadOnlyList<string> Lines()
    {
        var path = directory.File("audit.log");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var lines = Lines();
            if (lines.Count >= count)
            {
                return lines;
            }

            await Task.Delay(100);
        }

        return Lines();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        directory.Dispose();
    }

    private async Task WaitListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited with {process.ExitCode}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("rsyslogd did not start listening.");
    }
}
