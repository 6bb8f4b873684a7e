using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The Go program in <c>go/verifychain</c>, built once per test run with the Go toolchain and run
/// per chain. It uses only Go's standard library, so the build needs no network.
/// </summary>
public static class GoVerifyChain
{
    private static readonly Lazy<Task<string>> Program = new(() => GoProgram.BuildAsync("verifychain"));

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
}
