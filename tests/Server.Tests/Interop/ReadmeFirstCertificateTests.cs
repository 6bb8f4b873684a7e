using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The README's "A first certificate" commands (openssl, jq, curl), run as written against a real
/// platform, so the first thing a reader tries keeps working.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed partial class ReadmeFirstCertificateTests(InteropFixture fixture)
{
    [Fact]
    public async Task FirstCertificate_ReadmeCommands_IssueACertificateOpenSslVerifies()
    {
        ExternalTool.Require("jq");
        ExternalTool.Require("curl");
        ExternalTool.Require("openssl");
        var server = await fixture.ServerAsync(InteropAlgorithms.EcdsaP256);
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## A first certificate", StringComparison.Ordinal)..];
        var commands = ShellBlock().Match(section).Groups["commands"].Value;
        Assert.Contains("openssl verify", commands, StringComparison.Ordinal);

        // Only where the platform runs differs from the README: its data directory and HTTPS port.
        var script = commands
            .Replace(" data/", " " + server.DataDirectory.TrimEnd('/') + "/", StringComparison.Ordinal)
            .Replace("https://127.0.0.1:5001", server.Https.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        var result = await ExternalTool.RunAsync(ExternalTool.Require("bash"), ["-euo", "pipefail", "-c", script], workingDirectory: fixture.NewDirectory());

        Assert.True(result.ExitCode == 0, script + "\n" + result);
        Assert.Contains("web.pem: OK", result.Output, StringComparison.Ordinal);
    }

    // The repository root is three folders above this source file (tests/Server.Tests/Interop).
    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    [GeneratedRegex("```sh\\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
