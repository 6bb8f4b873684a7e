using TestSupport;

namespace Pmi.Authorization.Tests.Differential;

/// <summary>
/// Cedar's reference implementation compiled to WebAssembly (<c>@cedar-policy/cedar-wasm</c>), installed
/// with npm into a folder the tests own and driven through a small Node program.
/// </summary>
internal static class CedarWasm
{
    public const string Version = "4.13.0";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The install folder, holding the decide program next to its node_modules; skips when node or npm is missing.</summary>
    public static async Task<string> InstallAsync()
    {
        ExternalTool.Require("node");
        var npm = ExternalTool.Require("npm");
        var folder = Path.Combine(AppContext.BaseDirectory, "interop", "cedar-wasm-" + Version);
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "@cedar-policy", "cedar-wasm", "package.json")))
            {
                Directory.CreateDirectory(folder);
                var install = await ExternalTool.RunAsync(npm,
                    ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", $"@cedar-policy/cedar-wasm@{Version}"],
                    workingDirectory: folder, timeout: TimeSpan.FromMinutes(3));
                Assert.True(install.ExitCode == 0, "npm install failed: " + install);
            }

            File.Copy(Path.Combine(AppContext.BaseDirectory, "Differential", "cedar-wasm-decide.mjs"), Path.Combine(folder, "cedar-wasm-decide.mjs"), overwrite: true);
            return folder;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs the decide program on an input file and returns what it printed.</summary>
    public static async Task<string> DecideAsync(string folder, string inputFile)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("node"), [Path.Combine(folder, "cedar-wasm-decide.mjs"), inputFile],
            workingDirectory: folder, timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, "cedar-wasm failed: " + result);
        return result.Output;
    }
}
