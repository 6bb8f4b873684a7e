using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// npm's <c>openid-client</c> (a certified OpenID relying party) and <c>jose</c>, installed into a
/// folder the tests own and driven through small Node programs next to this file.
/// </summary>
internal static class OpenIdClient
{
    public const string ClientVersion = "6.9.1";
    public const string JoseVersion = "6.2.19";

    /// <summary>The install folder with the programs beside its node_modules; skips when node or npm is missing.</summary>
    public static Task<string> InstallAsync() =>
        NodePackages.InstallAsync(new Dictionary<string, string> { ["openid-client"] = ClientVersion, ["jose"] = JoseVersion });

    /// <summary>Runs <paramref name="program"/> trusting <paramref name="caFile"/> for TLS; the JSON it printed.</summary>
    public static async Task<System.Text.Json.JsonElement> RunAsync(string folder, string program, string caFile, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("node"), [Path.Combine(folder, program), .. arguments],
            workingDirectory: folder, environment: new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = caFile }, timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, program + " failed: " + result);
        return System.Text.Json.JsonDocument.Parse(result.Output).RootElement.Clone();
    }
}
