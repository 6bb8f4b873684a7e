using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// npm packages installed once into a folder the tests own (under the test output), with the Node
/// programs next to this file copied beside their node_modules so they import them.
/// </summary>
internal static class NodePackages
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>
    /// The folder holding <paramref name="packages"/> (name → version) and the programs of
    /// <paramref name="programs"/> (a folder of the test output); skips when node or npm is missing.
    /// </summary>
    public static async Task<string> InstallAsync(IReadOnlyDictionary<string, string> packages, string programs = "Identity/Interop")
    {
        ExternalTool.Require("node");
        var npm = ExternalTool.Require("npm");
        var folder = Path.Combine(AppContext.BaseDirectory, "interop", string.Join("-", packages.Select(p => $"{p.Key}-{p.Value}")));
        await InstallGate.WaitAsync();
        try
        {
            if (packages.Keys.Any(name => !File.Exists(Path.Combine(folder, "node_modules", name, "package.json"))))
            {
                Directory.CreateDirectory(folder);
                var install = await ExternalTool.RunAsync(npm,
                    ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", .. packages.Select(p => $"{p.Key}@{p.Value}")],
                    workingDirectory: folder, timeout: TimeSpan.FromMinutes(3));
                Assert.True(install.ExitCode == 0, "npm install failed: " + install);
            }

            foreach (var program in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, programs), "*.mjs"))
            {
                File.Copy(program, Path.Combine(folder, Path.GetFileName(program)), overwrite: true);
            }

            return folder;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
