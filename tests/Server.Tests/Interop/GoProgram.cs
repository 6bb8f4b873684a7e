using System.Runtime.CompilerServices;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The Go programs under <c>go/&lt;name&gt;</c>, each built once with the Go toolchain (standard
/// library only, so no network) and kept under a name carrying its source's hash.
/// </summary>
public static class GoProgram
{
    public static async Task<string> BuildAsync(string name)
    {
        var go = ExternalTool.Require("go");
        var source = Path.Combine(SourceDirectory(), "go", name, "main.go");
        if (!File.Exists(source))
        {
            throw new FileNotFoundException("The Go program's source is not beside the test sources.", source);
        }

        // The program is named after its source's hash, so later runs reuse it and an edit rebuilds it.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(source)))[..16];
        var program = Path.Combine(Path.GetTempPath(), $"securityplatform-{name}-" + hash);
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
            throw new InvalidOperationException($"go build of {name} failed:\n" + result);
        }

        // Another test process may have built it meanwhile; either copy is the same program.
        File.Move(output, program, overwrite: true);
        return program;
    }

    // The test sources are where this file was compiled from; the Go programs sit beside it.
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
