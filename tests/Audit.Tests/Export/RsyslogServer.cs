using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Audit.Tests.Export;

/// <summary>
/// A real rsyslogd in the foreground, receiving RFC 5424 over TCP, or TLS with rsyslog-gnutls
/// (imtcp's gtls stream driver), into files the test reads: the raw messages, and the MSGID,
/// structured data and MSG as rsyslog parsed them.
/// </summary>
internal sealed class RsyslogServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly TemporaryDirectory directory;
    private readonly System.Text.StringBuilder output = new();

    private RsyslogServer(Process process, TemporaryDirectory directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What rsyslog's daemon logged about itself (TLS handshake refusals among it).</summary>
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

    private const string GnuTlsDriver = "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so";

    public static string? Executable => ExternalTool.Find("rsyslogd") ?? (File.Exists("/usr/sbin/rsyslogd") ? "/usr/sbin/rsyslogd" : null);

    public static async Task<RsyslogServer> StartAsync(int? port = null, CollectorTls? tls = null)
    {
        if (Executable is null)
        {
            Assert.Skip("rsyslogd is not installed (Debian package rsyslog).");
        }

        if (tls is not null && !File.Exists(GnuTlsDriver))
        {
            Assert.Skip($"rsyslog's GnuTLS stream driver ({GnuTlsDriver}) is not installed (Debian package rsyslog-gnutls).");
        }

        var directory = new TemporaryDirectory();
        var chosen = port ?? FreePort();
        // The default 8 KiB limit would cut an ECS document carrying a large entry in base64.
        var global = $"workDirectory=\"{directory.Path}\" maxMessageSize=\"256k\"";
        var module = "";
        if (tls is not null)
        {
            var pki = tls.Pki;
            global += $" defaultNetstreamDriverCAFile=\"{tls.ClientCaFile ?? pki.CaFile}\" defaultNetstreamDriverCertFile=\"{pki.CollectorCertificateFile}\"" +
                $" defaultNetstreamDriverKeyFile=\"{pki.CollectorKeyFile}\"";
            module = $" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"{(tls.RequireClientCertificate ? "x509/certvalid" : "anon")}\"";
        }

        await File.WriteAllTextAsync(directory.File("rsyslog.conf"), $$"""
            global({{global}})
            module(load="imtcp"{{module}})
            template(name="raw" type="string" string="%rawmsg%\n")
            template(name="parsed" type="string" string="%msgid% %structured-data% %msg%\n")
            # The rules docs/siem.md gives for omelasticsearch, writing the document and its id to a file.
            template(name="document" type="string" string="%$!securityplatform!audit!origin%/%$!event!sequence% %$!all-json%\n")
            ruleset(name="audit") {
              action(type="omfile" file="{{directory.File("audit.log")}}" template="raw" flushOnTXEnd="on")
              action(type="omfile" file="{{directory.File("parsed.log")}}" template="parsed" flushOnTXEnd="on")
              set $.parsed = parse_json(substring($msg, 3, 1048576), "\$!");
              if $.parsed == 0 then {
                action(type="omfile" file="{{directory.File("documents.log")}}" template="document" flushOnTXEnd="on")
              }
            }
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
        var server = new RsyslogServer(process, directory, chosen);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitListeningAsync();
        return server;
    }

    /// <summary>The messages received so far, one per line.</summary>
    public IReadOnlyList<string> Lines() => Read("audit.log");

    /// <summary>The messages received so far as rsyslog parsed them: "MSGID STRUCTURED-DATA MSG", one per line.</summary>
    public IReadOnlyList<string> ParsedLines() => Read("parsed.log");

    /// <summary>The ECS documents rsyslog parsed out of the messages, as "ID JSON" lines, the id as docs/siem.md builds it.</summary>
    public IReadOnlyList<string> DocumentLines() => Read("documents.log");

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

    private IReadOnlyList<string> Read(string name)
    {
        var path = directory.File(name);
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan timeout) => WaitAsync(Lines, count, timeout);

    public Task<IReadOnlyList<string>> WaitForParsedLinesAsync(int count, TimeSpan timeout) => WaitAsync(ParsedLines, count, timeout);

    internal static async Task<IReadOnlyList<string>> WaitAsync(Func<IReadOnlyList<string>> read, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var lines = read();
            if (lines.Count >= count)
            {
                return lines;
            }

            await Task.Delay(100);
        }

        return read();
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
