using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
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
        var folder = await InstallAsync();
        var files = new TemporaryDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var issued = await server.IssueAsync(request.CreateSigningRequestPem(), "tls-server");
        var certificateFile = Path.Combine(files.Path, "reference.pem");
        var keyFile = Path.Combine(files.Path, "reference.key");
        var caFile = Path.Combine(files.Path, "reference-ca.pem");
        await File.WriteAllTextAsync(certificateFile, string.Join('\n', [issued.Certificate, .. issued.Chain.SkipLast(1)]));
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(caFile, string.Join('\n', issued.Chain));

        var start = new ProcessStartInfo(ExternalTool.Require("node"))
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { Path.Combine(folder, "reference-provider.mjs"), certificateFile, keyFile, clientId, secret, RelyingPartyPages.Callback, RelyingPartyPages.SignedOut, resourceScope },
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
        return new ReferenceProvider(process, files, line["listening ".Length..], caFile);
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

    private static async Task<string> InstallAsync()
    {
        var npm = ExternalTool.Require("npm");
        var folder = Path.Combine(AppContext.BaseDirectory, "interop", $"oidc-provider-{Version}");
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
            {
                Directory.CreateDirectory(folder);
                var install = await ExternalTool.RunAsync(npm, ["install", "--prefix", folder, "--no-audit", "--no-fund", "--no-save", $"oidc-provider@{Version}"],
                    workingDirectory: folder, timeout: TimeSpan.FromMinutes(3));
                Assert.True(install.ExitCode == 0, "npm install failed: " + install);
            }

            File.Copy(Path.Combine(AppContext.BaseDirectory, "Identity", "Interop", "reference-provider.mjs"), Path.Combine(folder, "reference-provider.mjs"), overwrite: true);
            return folder;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
