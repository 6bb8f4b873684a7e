using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Benchmarks;

/// <summary>
/// A SoftHSM2 token in a temporary directory for the signing benchmark: its own
/// <c>softhsm2.conf</c> (set in the C library's environment, where SoftHSM reads it) and one
/// token initialised with <c>softhsm2-util</c>. Deleted on dispose.
/// </summary>
internal sealed partial class SoftHsmToken : IDisposable
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pin = "123456";

    private SoftHsmToken(string directory, string label)
    {
        Directory = directory;
        Label = label;
    }

    public string Directory { get; }

    public string Label { get; }

    /// <summary>Initialises the token; throws with the reason when SoftHSM2 is not installed.</summary>
    public static SoftHsmToken Create()
    {
        if (!File.Exists(Library))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({Library}): apt-get install softhsm2.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("benchmark-softhsm-").FullName;
        var tokens = Path.Combine(directory, "tokens");
        System.IO.Directory.CreateDirectory(tokens);
        var configuration = Path.Combine(directory, "softhsm2.conf");
        File.WriteAllText(configuration, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        if (SetEnvironment("SOFTHSM2_CONF", configuration, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        const string label = "benchmark";
        var start = new ProcessStartInfo("softhsm2-util") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--init-token", "--free", "--label", label, "--pin", Pin, "--so-pin", "654321" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = configuration;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("softhsm2-util --init-token failed: " + error);
        }

        return new SoftHsmToken(directory, label);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
