using System.Globalization;
using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// lego (Go client, Debian 4.9.1) against one ACME server, with its accounts and certificates in
/// one directory (<c>--path</c>; otherwise it writes ./.lego). Version 4.9.1 has no ACME
/// Renewal Information (ARI, <c>--ari-enable</c> came in later releases): renewal is by days left.
/// </summary>
public sealed class Lego(AcmeServerUnderTest server, string directory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // The leaf alone in <domain>.crt, the issuer chain in <domain>.issuer.crt. A flag of run and
    // renew, not a global one: before the command lego 4.9.1 refuses it.
    private const string LeafAlone = "--no-bundle";

    /// <summary>
    /// <c>run</c> with the built-in http-01 listener on the server's validation port: registers
    /// an account (bound when the server has a key) and obtains a certificate.
    /// </summary>
    public Task<AcmeClientRun> RunHttp01Async(params string[] domains) =>
        RunAsync(domains, [.. Http01(), "run", LeafAlone]);

    /// <summary>
    /// <c>run</c> answering dns-01 through the <c>exec</c> provider: <paramref name="hook"/> sets
    /// and clears the TXT record in the DNS the server resolves with.
    /// </summary>
    public Task<AcmeClientRun> RunDns01Async(DnsTxtHook hook, params string[] domains) =>
        RunAsync(domains,
        [
            // lego checks the record itself before answering; it asks the server's resolver
            // (challtestsrv, which is not authoritative for anything, so no NS walk: disable-cp).
            "--dns", "exec", "--dns.resolvers", server.DnsResolver, "--dns.disable-cp", "run", LeafAlone,
        ], hook.Environment);

    /// <summary>
    /// <c>renew</c> when fewer than <paramref name="days"/> days are left. Pebble issues for five
    /// years, so a test that must see a renewal passes more days than any validity.
    /// </summary>
    public Task<AcmeClientRun> RenewHttp01Async(int days, params string[] domains) =>
        RunAsync(domains, [.. Http01(), "renew", LeafAlone, "--days", days.ToString(CultureInfo.InvariantCulture), "--no-random-sleep"]);

    /// <summary><c>revoke</c> of the certificate of <paramref name="domains"/>, signed with the account key.</summary>
    public Task<AcmeClientRun> RevokeAsync(params string[] domains) => RunAsync(domains, ["revoke", "--keep"]);

    private IEnumerable<string> Http01() => ["--http", "--http.port", $"127.0.0.1:{server.HttpValidationPort}"];

    private async Task<AcmeClientRun> RunAsync(string[] domains, IEnumerable<string> command, IReadOnlyDictionary<string, string>? extra = null)
    {
        string[] arguments =
        [
            "--server", server.DirectoryUrl.ToString(), "--accept-tos", "--email", "acme-test@example.test", "--path", directory,
            .. server.ExternalAccount is { } key ? new[] { "--eab", "--kid", key.KeyId, "--hmac", key.HmacKey } : [],
            .. domains.SelectMany(d => new[] { "--domains", d }), .. command,
        ];
        // lego trusts exactly these roots for the server's HTTPS instead of the system's.
        var environment = new Dictionary<string, string> { ["LEGO_CA_CERTIFICATES"] = server.CaBundlePath };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var result = await ExternalTool.RunAsync(ExternalTool.Require("lego"), arguments, directory, environment: environment, timeout: Timeout);
        var certificates = Path.Combine(directory, "certificates");
        var commandLine = string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")) + " lego " + string.Join(' ', arguments);
        return new AcmeClientRun(commandLine, result, Path.Combine(certificates, domains[0] + ".crt"), Path.Combine(certificates, domains[0] + ".issuer.crt"));
    }
}
