using System.Diagnostics;
using System.Text;

namespace Server.Tests.Acme;

/// <summary>
/// A long-running tool (pebble, pebble-challtestsrv) started for a fixture: its output is kept
/// for failure messages, and it is killed on dispose.
/// </summary>
internal sealed class BackgroundTool : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BackgroundTool(Process process) => this.process = process;

    public string Name => Path.GetFileName(process.StartInfo.FileName);

    public bool HasExited => process.HasExited;

    /// <summary>What the tool printed so far, both streams interleaved.</summary>
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

    public static BackgroundTool Start(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var tool = new BackgroundTool(process);
        process.OutputDataReceived += (_, e) => tool.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tool.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>
    /// Waits until every one of <paramref name="ports"/> accepts connections; false when the tool
    /// exited first (a port taken by someone else) or did not listen within ten seconds.
    /// </summary>
    public async Task<bool> WaitListeningAsync(params int[] ports)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            var listening = await Task.WhenAll(ports.Select(LoopbackPorts.IsListeningAsync));
            if (listening.All(l => l))
            {
                return true;
            }

            await Task.Delay(25);
        }

        return false;
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
