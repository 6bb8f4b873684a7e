using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Issuance.Load;

namespace Identity.Load;

/// <summary>
/// npm oidc-provider (pinned in node/package.json, installed with npm on first use) serving the
/// same flow as a node cluster on a free loopback port; killed on dispose.
/// </summary>
internal sealed class OidcProviderProcess : IAsyncDisposable
{
    private const string Script = "oidc-provider-server.mjs";
    private readonly Process process;
    private readonly int[] workerIds;
    private readonly StringBuilder errors;
    private readonly Task drainErrors;

    private OidcProviderProcess(Process process, Uri https, int[] workerIds, string introspectionToken, StringBuilder errors, Task drainErrors)
    {
        this.process = process;
        this.workerIds = workerIds;
        this.errors = errors;
        this.drainErrors = drainErrors;
        Https = https;
        IntrospectionToken = introspectionToken;
    }

    public Uri Https { get; }

    /// <summary>The opaque token every worker holds, for the introspection load.</summary>
    public string IntrospectionToken { get; }

    /// <summary>CPU of the primary and every worker so far.</summary>
    public TimeSpan ProcessorTime => workerIds.Aggregate(ProcessCpu.Of(process.Id), (sum, id) => sum + ProcessCpu.Of(id));

    /// <summary>The folder with oidc-provider installed, or why it cannot be.</summary>
    public static (string? Folder, string? Missing) Install()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "node");
        if (ExternalCommand.Find("node") is null || ExternalCommand.Find("npm") is not { } npm)
        {
            return (null, "node and npm are not on the PATH");
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            var lockFile = File.Exists(Path.Combine(folder, "package-lock.json"));
            var (exit, output) = ExternalCommand.Run(npm, [lockFile ? "ci" : "install", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            if (exit != 0)
            {
                return (null, $"npm could not install oidc-provider: {output}");
            }
        }

        return (folder, null);
    }

    public static async Task<OidcProviderProcess> StartAsync(string folder, string certificates, int workers)
    {
        var start = new ProcessStartInfo(ExternalCommand.Find("node")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in new[] { Path.Combine(folder, Script), certificates, workers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var errors = new StringBuilder();
        var drainErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (errors)
                {
                    errors.AppendLine(line);
                }
            }
        });
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (ready is null)
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
                throw new InvalidOperationException($"oidc-provider exited before listening: {Text(errors)}");
            }

            using var json = JsonDocument.Parse(ready);
            var root = json.RootElement;
            var pids = root.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()).ToArray();
            var https = new Uri($"https://127.0.0.1:{root.GetProperty("port").GetInt32()}");
            // The rest of its output is not measured, but must be read or node blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return new OidcProviderProcess(process, https, pids, root.GetProperty("introspectionToken").GetString()!, errors, drainErrors);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    /// <summary>What node wrote to its standard error (warnings, a crash).</summary>
    public string Errors => Text(errors);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await drainErrors.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Dispose();
    }

    private static string Text(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.ToString();
        }
    }
}
