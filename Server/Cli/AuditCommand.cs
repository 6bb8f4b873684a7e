using Audit.Verification;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Server.Cli;

/// <summary>
/// <c>audit verify --data-dir DIR</c> checks a data directory offline; <c>audit verify --url URL
/// --cert PEM --key PEM --ca PEM</c> checks a running server with an officer's certificate.
/// Exit status 0 only when everything verifies, 1 when something does not, 2 for bad usage.
/// </summary>
internal static class AuditCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = ParseOptions(args[1..]);
        if (options is null || (options.ContainsKey("--data-dir") == options.ContainsKey("--url")))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        VerificationReport report;
        try
        {
            if (options.TryGetValue("--data-dir", out var directory))
            {
                Console.WriteLine($"Verifying the audit log in {Path.GetFullPath(directory)} (offline, read-only)");
                report = await DatabaseVerifier.VerifyDataDirectoryAsync(directory);
            }
            else
            {
                if (!options.TryGetValue("--cert", out var cert) || !options.TryGetValue("--key", out var key) || !options.TryGetValue("--ca", out var ca))
                {
                    await Console.Error.WriteLineAsync("--url needs --cert, --key (an auditor or administrator certificate) and --ca (the root CA, PEM).");
                    return 2;
                }

                var url = options["--url"];
                Console.WriteLine($"Verifying the audit log of {url} (online)");
                using var client = CreateClient(new Uri(url.EndsWith('/') ? url : url + "/"), cert, key, ca);
                report = await OnlineVerifier.VerifyAsync(client);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException or System.Data.Common.DbException
            or System.Security.Cryptography.CryptographicException or UriFormatException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"NOT VERIFIED: {e.Message}");
            return 1;
        }

        report.WriteTo(Console.Out);
        return report.Verified ? 0 : 1;
    }

    private const string Usage =
        "Usage: audit verify --data-dir DIR\n       audit verify --url URL --cert CERT.pem --key KEY.pem --ca ROOT.pem";

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--data-dir" or "--url" or "--cert" or "--key" or "--ca"))
            {
                return null;
            }

            options[args[i]] = args[i + 1];
        }

        return options;
    }

    private static HttpClient CreateClient(Uri url, string certificatePath, string keyPath, string caPath)
    {
        var root = X509CertificateLoader.LoadCertificateFromFile(caPath);
        var clientCertificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    // Trust exactly the given root; intermediates come from the server's chain.
                    using var custom = new X509Chain();
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.CustomTrustStore.Add(root);
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    if (chain is not null)
                    {
                        foreach (var element in chain.ChainElements)
                        {
                            custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                        }
                    }

                    return custom.Build(new X509Certificate2(certificate));
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
    }
}
