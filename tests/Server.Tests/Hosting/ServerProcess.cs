using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Hosting;

/// <summary>
/// The platform as a separate operating-system process (<c>dotnet Server.dll</c>), so that a test
/// can kill it with SIGKILL mid-write, the way a power cut or the OOM killer would.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> output = new();

    private ServerProcess(Process process, string dataDirectory, Uri http, Uri https)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        Http = http;
        Https = https;
    }

    public string DataDirectory { get; }

    public Uri Http { get; }

    public Uri Https { get; }

    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var http = new Uri($"http://127.0.0.1:{FreePort()}");
        var https = new Uri($"https://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[ServerDll(), "--urls", $"{http.OriginalString};{https.OriginalString}",
            "--Platform:DataDirectory", dataDirectory, "--Platform:PublicBaseUrl", http.OriginalString, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(start)!, dataDirectory, http, https);
        server.process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, nothing but what was already durable.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public HttpClient AdminClient()
    {
        var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(DataDirectory, "root-ca.pem"));
        var admin = X509Certificate2.CreateFromPemFile(Path.Combine(DataDirectory, "admin.pem"), Path.Combine(DataDirectory, "admin.key"));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [X509CertificateLoader.LoadPkcs12(admin.Export(X509ContentType.Pkcs12), null)],
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    using var trusted = new X509Chain();
                    trusted.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    trusted.ChainPolicy.CustomTrustStore.Add(root);
                    trusted.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    foreach (var element in chain?.ChainElements.ToList() ?? [])
                    {
                        trusted.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }

                    return certificate is not null && trusted.Build(new X509Certificate2(certificate));
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = Https, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not become ready:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > 50)
            {
                output.Dequeue();
            }
        }
    }

    // The Server project's own build output, else the copy beside the tests.
    internal static string ServerDll()
    {
        var here = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here))!;
        for (var directory = new DirectoryInfo(here); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Server", "bin", configuration, "net10.0", "Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(here, "Server.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
