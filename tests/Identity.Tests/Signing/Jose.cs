using System.Text.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace Identity.Tests.Signing;

/// <summary>
/// The <c>jose</c> JavaScript library, installed with npm into a folder the tests own, as an
/// independent JWS verifier: what it accepts, any relying party's library accepts.
/// </summary>
internal static class Jose
{
    public const string Version = "6.2.17";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The install folder with the verify program; skips when node or npm is missing.</summary>
    public static async Task<string> InstallAsync()
    {
        ExternalTool.Require("node");
        var npm = ExternalTool.Require("npm");
        var folder = Path.Combine(AppContext.BaseDirectory, "interop", "jose-" + Version);
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "jose", "package.json")))
            {
                Directory.CreateDirectory(folder);
                var install = await ExternalTool.RunAsync(npm,
                    ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", $"jose@{Version}"],
                    workingDirectory: folder, timeout: TimeSpan.FromMinutes(3));
                Assert.True(install.ExitCode == 0, "npm install failed: " + install);
            }

            File.Copy(Path.Combine(AppContext.BaseDirectory, "Signing", "jose-verify.mjs"), Path.Combine(folder, "jose-verify.mjs"), overwrite: true);
            return folder;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Verifies <paramref name="jws"/> against <paramref name="jwk"/>; returns jose's verdict (<c>verified</c>, <c>header</c>, <c>payload</c>).</summary>
    public static async Task<JsonObject> VerifyAsync(JsonObject jwk, string jws)
    {
        var folder = await InstallAsync();
        var input = Path.Combine(folder, $"input-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(input, new JsonObject { ["jwk"] = jwk.DeepClone(), ["jws"] = jws }.ToJsonString());
        ToolResult? result = null;
        try
        {
            result = await ExternalTool.RunAsync(ExternalTool.Require("node"), [Path.Combine(folder, "jose-verify.mjs"), input],
                workingDirectory: folder, timeout: TimeSpan.FromMinutes(1));
            return JsonNode.Parse(result.Output.Trim())?.AsObject() ?? throw new InvalidOperationException("jose printed nothing: " + result);
        }
        catch (JsonException e)
        {
            // What node said instead (its exit status and standard error), for the next one who meets this.
            throw new InvalidOperationException("jose printed no verdict: " + result, e);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
