using System.Diagnostics;

namespace Audit.Tests.Interop;

/// <summary>
/// Runs Go programs against the Debian packages of golang.org/x/mod (golang-golang-x-mod-dev),
/// offline: GOPATH mode, no module proxy.
/// </summary>
internal static class GoToolchain
{
    private const string DebianGoPath = "/usr/share/gocode";

    /// <summary>Why Go interop cannot run here, or null when it can.</summary>
    public static string? MissingReason()
    {
        if (FindOnPath("go") is null)
        {
            return "go is not installed (Debian package golang-go).";
        }

        var sumdb = Path.Combine(DebianGoPath, "src", "golang.org", "x", "mod", "sumdb");
        if (!Directory.Exists(Path.Combine(sumdb, "note")) || !Directory.Exists(Path.Combine(sumdb, "tlog")))
        {
            return "golang.org/x/mod/sumdb is not installed (Debian package golang-golang-x-mod-dev).";
        }

        return null;
    }

    /// <summary>Runs <c>go run source args…</c> and returns the exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string source, params string[] args)
    {
        var start = new ProcessStartInfo(FindOnPath("go")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(source);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = DebianGoPath;
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOFLAGS"] = "";
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "audit-tests-go-cache");

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
