using TestSupport;

namespace Server.Tests.Acme;

/// <summary>
/// certbot (EFF's client, Debian 2.1) against one ACME server, with all its state in one
/// directory: configuration (accounts, live certificates), work and logs, so runs never touch
/// /etc/letsencrypt and two instances never share a lock.
/// </summary>
public sealed class Certbot(AcmeServerUnderTest server, string directory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private string ConfigDirectory => Path.Combine(directory, "config");

    /// <summary>
    /// <c>certonly --standalone</c>: registers an account (with the server's binding key when it
    /// has one) and obtains a certificate for <paramref name="domains"/>, answering http-01 on
    /// the server's validation port.
    /// </summary>
    public Task<AcmeClientRun> CertonlyAsync(params string[] domains) =>
        RunAsync(domains[0],
        [
            "certonly", "--standalone", "--agree-tos", "--register-unsafely-without-email",
            .. Binding(), .. Http01(), .. domains.SelectMany(d => new[] { "-d", d }),
        ]);

    /// <summary>
    /// <c>renew --force-renewal</c> of the lineage named <paramref name="domain"/>: a new
    /// certificate whatever its expiry.
    /// </summary>
    public Task<AcmeClientRun> RenewAsync(string domain) =>
        // --no-random-sleep-on-renew: without a terminal, certbot sleeps up to eight minutes
        // before a renewal (to spread cron jobs over Let's Encrypt's servers).
        RunAsync(domain, ["renew", "--force-renewal", "--no-random-sleep-on-renew", "--cert-name", domain, .. Http01()]);

    /// <summary><c>revoke --cert-path</c>, signed with the account key, keeping the files.</summary>
    public Task<AcmeClientRun> RevokeAsync(string domain, string certificateFile) =>
        RunAsync(domain, ["revoke", "--cert-path", certificateFile, "--no-delete-after-revoke"]);

    /// <summary>
    /// certbot's debug log: the server's problem documents in full. Certbot 2.1 on Debian's
    /// Python prints some refusals only as "AttributeError: can't set attribute" (it fails
    /// while formatting the ACME error), so the log is where the problem type is.
    /// </summary>
    public string Log()
    {
        var file = Path.Combine(directory, "logs", "letsencrypt.log");
        return File.Exists(file) ? File.ReadAllText(file) : "";
    }

    private IEnumerable<string> Binding() => server.ExternalAccount is { } key
        ? ["--eab-kid", key.KeyId, "--eab-hmac-key", key.HmacKey]
        : [];

    private IEnumerable<string> Http01() => ["--http-01-port", server.HttpValidationPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-01-address", "127.0.0.1"];

    private async Task<AcmeClientRun> RunAsync(string lineage, IEnumerable<string> command)
    {
        string[] arguments =
        [
            .. command, "--non-interactive", "--server", server.DirectoryUrl.ToString(),
            "--config-dir", ConfigDirectory, "--work-dir", Path.Combine(directory, "work"), "--logs-dir", Path.Combine(directory, "logs"),
        ];
        // certbot's HTTP stack (requests) trusts this bundle instead of the system's roots.
        var environment = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = server.CaBundlePath };
        var result = await ExternalTool.RunAsync(ExternalTool.Require("certbot"), arguments, directory, environment: environment, timeout: Timeout);
        var live = Path.Combine(ConfigDirectory, "live", lineage);
        return new AcmeClientRun("REQUESTS_CA_BUNDLE=" + server.CaBundlePath + " certbot " + string.Join(' ', arguments), result,
            Path.Combine(live, "cert.pem"), Path.Combine(live, "chain.pem"));
    }
}
