using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Issuance.Load;

/// <summary>
/// The platform as a child process on free loopback ports over a fresh data directory, so the
/// measurement includes the real host (Kestrel, TLS, authentication, logging) and nothing is
/// left behind: the process is killed and the directory deleted on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptOutputChars = 8_000;
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly Task drainOutput;
    private readonly Task drainErrors;
    private readonly bool ownsDirectory;

    private ServerProcess(Process process, string dataDirectory, bool ownsDirectory, Uri https)
    {
        this.process = process;
        this.ownsDirectory = ownsDirectory;
        DataDirectory = dataDirectory;
        Https = https;
        // The log must be read or the server blocks on a full pipe; what it says is not measured.
        drainOutput = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        drainErrors = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardError.ReadAsync(buffer)) > 0)
            {
                lock (errors)
                {
                    errors.Append(buffer, 0, read);
                    if (errors.Length > KeptOutputChars)
                    {
                        errors.Remove(0, errors.Length - KeptOutputChars);
                    }
                }
            }
        });
    }

    public string DataDirectory { get; }

    public Uri Https { get; }

    /// <summary>CPU the server has used so far, all threads.</summary>
    public TimeSpan ProcessorTime => ProcessCpu.Of(process.Id);

    public static async Task<ServerProcess> StartAsync(string serverPath, string? dataDirectory, bool auditLog, CancellationToken cancellationToken)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("issuance-load-").FullName;
        var http = new Uri($"http://127.0.0.1:{FreePort()}");
        var https = new Uri($"https://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            serverPath,
            "--Platform:DataDirectory", dataDirectory,
            "--urls", $"{http.OriginalString};{https.OriginalString}",
            // Audit events are Information; Warning keeps the log (and the events) out of the measurement.
            "--Serilog:MinimumLevel:Default", auditLog ? "Information" : "Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, dataDirectory, ownsDirectory, https);
        try
        {
            await server.WaitUntilReadyAsync(http, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await Task.WhenAll(drainOutput, drainErrors).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Dispose();
        if (ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync(Uri http, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}: {RecentErrors()}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Start-up work is still running.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The server was not ready within 60 seconds: {RecentErrors()}");
    }

    private string RecentErrors()
    {
        lock (errors)
        {
            return errors.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
