using TestSupport;

namespace Server.Tests.Interop;

/// <summary>Go's crypto/tls and net/http as an HTTPS client: the program in <c>go/tlsget</c>.</summary>
public static class GoTlsGet
{
    private static readonly Lazy<Task<string>> Program = new(() => GoProgram.BuildAsync("tlsget"));

    /// <summary>GETs <paramref name="url"/> trusting only <paramref name="rootFile"/>; output is the status line, then the body.</summary>
    public static async Task<ToolResult> GetAsync(string url, string rootFile, string? certificateFile = null, string? keyFile = null)
    {
        var program = await Program.Value;
        List<string> arguments = ["-root", rootFile, "-url", url];
        if (certificateFile is not null && keyFile is not null)
        {
            arguments.AddRange(["-cert", certificateFile, "-key", keyFile]);
        }

        return await ExternalTool.RunAsync(program, arguments);
    }
}
