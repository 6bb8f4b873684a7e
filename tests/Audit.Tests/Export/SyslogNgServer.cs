using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TestSupport;

namespace Audit.Tests.Export;

/// <summary>
/// Debian's syslog-ng in the foreground, receiving RFC 5424 with its <c>syslog()</c> source over
/// TCP or TLS into a file of "MSGID SDATA MSG" lines as syslog-ng parsed them. syslog-ng-core
/// conflicts with rsyslog, so it is not installed but extracted from its package
/// (<c>apt-get download syslog-ng-core; dpkg-deb -x</c>); the test finds the binary through
/// <c>SECURITYPLATFORM_SYSLOG_NG</c> or under <c>/opt/syslog-ng</c>, as .ci/run prepares it.
/// </summary>
internal sealed class SyslogNgServer : IAsyncDisposable
{
    public const string Variable = "SECURITYPLATFORM_SYSLOG_NG";
    private const string DefaultRoot = "/opt/syslog-ng";

    private readonly Process process;
    private readonly TemporaryDirectory directory;
    private readonly StringBuilder output = new();

    private SyslogNgServer(Process process, TemporaryDirectory directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The syslog-ng binary, or null.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured && File.Exists(configured) ? configured
        : File.Exists(Path.Combine(DefaultRoot, "usr/sbin/syslog-ng")) ? Path.Combine(DefaultRoot, "usr/sbin/syslog-ng")
        : null;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<SyslogNgServer> StartAsync(CollectorTls? tls = null)
    {
        if (Executable is not { } executable)
        {
            Assert.Skip($"syslog-ng is not available: set {Variable} to the syslog-ng binary extracted from Debian's syslog-ng-core " +
                $"(apt-get download syslog-ng-core; dpkg-deb -x into {DefaultRoot}), as .ci/run does.");
            return null!;
        }

        // <root>/usr/sbin/syslog-ng: its library and modules are under <root>/usr/lib/syslog-ng.
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(executable)!, "..", ".."));
        var libraries = Path.Combine(root, "usr/lib/syslog-ng");
        var modules = Directory.GetDirectories(libraries).Where(d => File.Exists(Path.Combine(d, "libafsocket.so"))).Order().LastOrDefault()
            ?? throw new InvalidOperationException($"no syslog-ng module directory with libafsocket.so under {libraries}");

        var directory = new TemporaryDirectory();
        var port = RsyslogServer.FreePort();
        var transport = "transport(\"tcp\")";
        if (tls is not null)
        {
            var pki = tls.Pki;
            var verify = tls.RequireClientCertificate ? $"peer-verify(required-trusted) ca-file(\"{pki.CaFile}\")" : "peer-verify(optional-untrusted)";
            transport = $"transport(\"tls\") tls(key-file(\"{pki.CollectorKeyFile}\") cert-file(\"{pki.CollectorCertificateFile}\") {verify})";
        }

        await File.WriteAllTextAsync(directory.File("syslog-ng.conf"), $$"""
            @version: 3.38
            # 256 KiB: an ECS document carrying a large entry in base64 is longer than the 64 KiB default.
            options { keep-hostname(yes); log-msg-size(262144); };
            source s_audit { syslog(ip("127.0.0.1") port({{port}}) {{transport}}); };
            destination d_audit { file("{{directory.File("parsed.log")}}" template("${MSGID} ${SDATA} ${MSG}\n") flush-lines(1)); };
            log { source(s_audit); destination(d_audit); };
            """);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["LD_LIBRARY_PATH"] = libraries;
        foreach (var argument in (string[])["-F", "-e", $"--module-path={modules}", $"--cfgfile={directory.File("syslog-ng.conf")}",
            $"--persist-file={directory.File("syslog-ng.persist")}", $"--pidfile={directory.File("syslog-ng.pid")}",
            $"--control={directory.File("syslog-ng.ctl")}"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var server = new SyslogNgServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitListeningAsync();
        return server;
    }

    /// <summary>The messages received so far as syslog-ng parsed them: "MSGID SDATA MSG", one per line.</summary>
    public IReadOnlyList<string> ParsedLines()
    {
        var path = directory.File("parsed.log");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public Task<IReadOnlyList<string>> WaitForParsedLinesAsync(int count, TimeSpan timeout) => RsyslogServer.WaitAsync(ParsedLines, count, timeout);

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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"syslog-ng exited with {process.ExitCode}:\n{Output}");
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

        throw new TimeoutException($"syslog-ng did not start listening:\n{Output}");
    }
}
