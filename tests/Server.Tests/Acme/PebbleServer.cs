using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// Let's Encrypt's reference ACME server (Debian's <c>pebble</c>) on free loopback ports, with a
/// throwaway HTTPS certificate, resolving through <see cref="ChallengeTestServer"/>, optionally
/// requiring external account binding. Each start generates a new issuing hierarchy.
/// </summary>
public sealed class PebbleServer : IAsyncDisposable
{
    private readonly BackgroundTool tool;

    private PebbleServer(BackgroundTool tool, int listenPort, int managementPort, int httpValidationPort, string caBundlePath)
    {
        this.tool = tool;
        DirectoryUrl = new Uri($"https://127.0.0.1:{listenPort}/dir");
        ManagementUrl = new Uri($"https://127.0.0.1:{managementPort}");
        HttpValidationPort = httpValidationPort;
        CaBundlePath = caBundlePath;
    }

    public Uri DirectoryUrl { get; }

    /// <summary>Pebble's management API: <c>/roots/0</c>, <c>/intermediates/0</c>, <c>/cert-status-by-serial/…</c>.</summary>
    public Uri ManagementUrl { get; }

    /// <summary>The port pebble's validator connects to on the resolved address for http-01 (its config's <c>httpPort</c>).</summary>
    public int HttpValidationPort { get; }

    /// <summary>The throwaway root of pebble's HTTPS certificate, both for the ACME and the management API.</summary>
    public string CaBundlePath { get; }

    /// <summary>
    /// Starts pebble in <paramref name="directory"/>, on its own ports, validating http-01 on
    /// <paramref name="httpValidationPort"/>, requiring a binding with <paramref name="externalAccount"/> when given.
    /// </summary>
    public static async Task<PebbleServer> StartAsync(
        string directory, ChallengeTestServer dns, ThrowawayTlsCertificates tls, int httpValidationPort, ExternalAccountKey? externalAccount = null)
    {
        var file = ExternalTool.Require("pebble");
        var environment = new Dictionary<string, string>
        {
            // No random 0-15 s sleep before each validation: the tests and the load client would wait for nothing.
            ["PEBBLE_VA_NOSLEEP"] = "1",
            // Pebble refuses 5 % of valid nonces by default to exercise clients' badNonce retry; off, so runs are repeatable.
            ["PEBBLE_WFE_NONCEREJECT"] = "0",
            // By default half the orders reuse an earlier valid authorization; a renewal must validate again to test anything.
            ["PEBBLE_AUTHZREUSE"] = "0",
        };
        for (var attempt = 1; ; attempt++)
        {
            var (listen, management) = LoopbackPorts.Take(2) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
            var config = Path.Combine(directory, $"pebble-{listen}.json");
            await File.WriteAllTextAsync(config, Config(listen, management, httpValidationPort, tls, externalAccount));
            var tool = BackgroundTool.Start(file, ["-config", config, "-dnsserver", dns.DnsResolver], environment, directory);
            if (await tool.WaitListeningAsync(listen, management))
            {
                return new PebbleServer(tool, listen, management, httpValidationPort, tls.RootFile);
            }

            var output = tool.Output;
            await tool.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException("pebble did not start:\n" + output);
            }
        }
    }

    /// <summary>Downloads the root pebble issues under (management <c>/roots/0</c>) into <paramref name="file"/>.</summary>
    public async Task<string> WriteIssuerRootAsync(string file)
    {
        using var trust = X509CertificateLoader.LoadCertificateFromFile(CaBundlePath);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trust);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        using var client = new HttpClient(handler);
        await File.WriteAllTextAsync(file, await client.GetStringAsync(new Uri(ManagementUrl, "/roots/0")));
        return file;
    }

    /// <summary>What pebble printed, for failure messages.</summary>
    public string Output => tool.Output;

    public ValueTask DisposeAsync() => tool.DisposeAsync();

    private static string Config(int listen, int management, int httpValidationPort, ThrowawayTlsCertificates tls, ExternalAccountKey? externalAccount)
    {
        var pebble = new Dictionary<string, object>
        {
            ["listenAddress"] = $"127.0.0.1:{listen}",
            ["managementListenAddress"] = $"127.0.0.1:{management}",
            ["certificate"] = tls.CertificateFile,
            ["privateKey"] = tls.KeyFile,
            ["httpPort"] = httpValidationPort,
            // tls-alpn-01 is not tested; the port only has to be one nobody answers on.
            ["tlsPort"] = LoopbackPorts.Take(1)[0],
            ["ocspResponderURL"] = "",
            ["externalAccountBindingRequired"] = externalAccount is not null,
        };
        if (externalAccount is not null)
        {
            pebble["externalAccountMACKeys"] = new Dictionary<string, string> { [externalAccount.KeyId] = externalAccount.HmacKey };
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["pebble"] = pebble });
    }
}
