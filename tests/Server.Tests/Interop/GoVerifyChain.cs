using System.Runtime.CompilerServices;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The Go program in <c>go/verifychain</c>, built once per test run with the Go toolchain and run
/// per chain. It uses only Go's standard library, so the build needs no network.
/// </summary>
public static class GoVerifyChain
{
    private static readonly Lazy<Task<string>> Program = new(BuildAsync);

    /// <summary>Verifies <paramref name="leafFile"/> for <paramref name="usage"/> (server, client or any).</summary>
    public static async Task<ToolResult> VerifyAsync(string rootFile, string intermediateFile, string leafFile, string usage, string? dnsName = null, string? email = null)
    {
        var program = await Program.Value;
        List<string> arguments = ["-root", rootFile, "-intermediate", intermediateFile, "-leaf", leafFile, "-usage", usage];
        if (dnsName is not null)
        {
            arguments.AddRange(["-dns", dnsName]);
        }

        if (email is not null)
        {
            arguments.AddRange(["-email", email]);
        }

        return await ExternalTool.RunAsync(program, arguments);
    }

    private static async Task<string> BuildAsync()
    {
        var go = ExternalTool.Require("go");
        var source = Path.Combine(SourceDirectory(), "go", "verifychain", "main.go");
        if (!File.Exists(source))
        {
            throw new FileNotFoundException("The Go verifier's source is not beside the test sources.", source);
        }

        // The program is named after its source's hash, so later runs reuse it and an edit rebuilds it.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(source)))[..16];
        var program = Path.Combine(Path.GetTempPath(), "securityplatform-verifychain-" + hash);
        if (File.Exists(program))
        {
            return program;
        }

        // The build cache outlives the run too; HOME may be unset in CI.
        var cache = Path.Combine(Path.GetTempPath(), "securityplatform-go-cache");
        var output = program + "-" + Guid.NewGuid().ToString("n");
        var result = await ExternalTool.RunAsync(go, ["build", "-o", output, source],
            workingDirectory: Path.GetDirectoryName(source),
            environment: new Dictionary<string, string>
            {
                ["GOCACHE"] = Path.Combine(cache, "build"),
                ["GOPATH"] = Path.Combine(cache, "path"),
                ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? cache,
                ["GOTOOLCHAIN"] = "local",
                ["GOFLAGS"] = "",
                ["CGO_ENABLED"] = "0",
            },
            timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("go build of the chain verifier failed:\n" + result);
        }

        // Another test process may have built it meanwhile; either copy is the same program.
        File.Move(output, program, overwrite: true);
        return program;
    }

    // The test sources are where this file was compiled from; the Go program sits beside it.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
