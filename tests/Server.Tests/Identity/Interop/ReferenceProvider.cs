using System.Diagnostics;
using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity.Interop;

/// <summary>
/// npm's <c>oidc-provider</c> serving HTTPS on 127.0.0.1 (reference-provider.mjs) with a tls-server
/// certificate of the platform's CA, so the relying-party programs trust both providers alike.
/// </summary>
internal sealed class ReferenceProvider : IAsyncDisposable
{
    public const string Version = "9.13.3";
    private readonly Process process;
    private readonly TemporaryDirectory files;

    private ReferenceProvider(Process process, TemporaryDirectory files, string issuer, string caFile)
    {
        this.process = process;
        this.files = files;
        Issuer = issuer;
        CaFile = caFile;
    }

    /// <summary>Its issuer, without a trailing slash, as it announces it.</summary>
    public string Issuer { get; }

    /// <summary>The CA certificates its TLS certificate chains to.</summary>
    public string CaFile { get; }

    public static async Task<ReferenceProvider> StartAsync(PlatformServer server, string clientId, string secret, string resourceScope)
    {
        var folder = await NodePackages.InstallAsync(new Dictionary<string, string> { ["oidc-provider"] = Version });
        var files = new TemporaryDirectory();
        var tls = await LoopbackTlsCertificate.IssueAsync(server, files, "reference");

        var start = new ProcessStartInfo(ExternalTool.Require("node"))
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { Path.Combine(folder, "reference-provider.mjs"), tls.CertificateFile, tls.KeyFile, clientId, secret, RelyingPartyPages.Callback, RelyingPartyPages.SignedOut, resourceScope },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("oidc-provider did not start: " + line + await errors);
        }

        // Its development-mode warnings go on; nobody reads them, but the pipe must not fill.
        _ = process.StandardOutput.ReadToEndAsync();
        return new ReferenceProvider(process, files, line["listening ".Length..], tls.CaFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        files.Dispose();
    }
}
