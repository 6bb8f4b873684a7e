namespace Server.Tests.Acme;

/// <summary>
/// certbot and lego, as the departments' servers run them, against an ACME server: issue with
/// http-01 and dns-01, renew, revoke, and register with and without external account binding.
/// A subclass names the server: <see cref="PebbleAcmeClientTests"/> runs these against
/// Let's Encrypt's reference server, so a failure against ours can be told from a client quirk.
/// </summary>
public abstract class AcmeClientInteropTests
{
    /// <summary>The server under test, accepting accounts without a binding.</summary>
    protected abstract AcmeServerUnderTest Server { get; }

    /// <summary>The server under test configured to require external account binding, with its key.</summary>
    protected abstract AcmeServerUnderTest ServerRequiringExternalAccount { get; }

    /// <summary>An empty directory for one client's state.</summary>
    protected abstract string NewDirectory();

    [Fact]
    public async Task Certbot_Http01_IssuesRenewsAndRevokes()
    {
        var domain = NewDomain("certbot");
        var certbot = new Certbot(Server, NewDirectory());

        var issued = await certbot.CertonlyAsync(domain);
        var first = await IssuedCertificateAssert.ValidAsync(issued, Server, domain);

        var renewed = await certbot.RenewAsync(domain);
        var second = await IssuedCertificateAssert.ValidAsync(renewed, Server, domain);
        Assert.NotEqual(first, second);

        var revoked = await certbot.RevokeAsync(domain, renewed.CertificateFile);
        Assert.True(revoked.Succeeded, revoked.ToString());
        // A second revocation must be refused (RFC 8555 §7.6, alreadyRevoked): the first one took.
        var again = await certbot.RevokeAsync(domain, renewed.CertificateFile);
        Assert.False(again.Succeeded, again.ToString());
        Assert.Contains("urn:ietf:params:acme:error:alreadyRevoked", certbot.Log(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lego_Http01_IssuesAndRenews()
    {
        var domain = NewDomain("lego-http");
        var lego = new Lego(Server, NewDirectory());

        var first = await IssuedCertificateAssert.ValidAsync(await lego.RunHttp01Async(domain), Server, domain);
        var second = await IssuedCertificateAssert.ValidAsync(await lego.RenewHttp01Async(36_500, domain), Server, domain);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Lego_Dns01ThroughExecHook_IssuesTwoNamesAndRevokes()
    {
        var domains = new[] { NewDomain("lego-dns"), NewDomain("lego-dns") };
        var directory = NewDirectory();
        var lego = new Lego(Server, directory);

        var issued = await lego.RunDns01Async(DnsTxtHook.Write(directory, Server.DnsManagementUrl), domains);
        await IssuedCertificateAssert.ValidAsync(issued, Server, domains);

        var revoked = await lego.RevokeAsync(domains);
        Assert.True(revoked.Succeeded, revoked.ToString());
    }

    [Fact]
    public async Task Certbot_ExternalAccountBinding_IssuesWithTheKeyAndNotWithout()
    {
        var bound = ServerRequiringExternalAccount;
        var domain = NewDomain("certbot-eab");

        var issued = await new Certbot(bound, NewDirectory()).CertonlyAsync(domain);
        await IssuedCertificateAssert.ValidAsync(issued, bound, domain);

        // certbot reads externalAccountRequired from the directory and stops before asking.
        var unbound = await new Certbot(bound with { ExternalAccount = null }, NewDirectory()).CertonlyAsync(domain);
        Assert.False(unbound.Succeeded, unbound.ToString());
        Assert.Contains("external account binding", unbound.Result.Output + unbound.Result.Error, StringComparison.OrdinalIgnoreCase);

        // The server itself must check the binding's MAC.
        var forger = new Certbot(WithWrongHmac(bound), NewDirectory());
        var forged = await forger.CertonlyAsync(domain);
        Assert.False(forged.Succeeded, forged.ToString());
        Assert.Contains("urn:ietf:params:acme:error:unauthorized", forger.Log(), StringComparison.Ordinal);
        Assert.False(File.Exists(forged.CertificateFile));
    }

    [Fact]
    public async Task Lego_ExternalAccountBinding_IssuesWithTheKeyAndNotWithout()
    {
        var bound = ServerRequiringExternalAccount;
        var domain = NewDomain("lego-eab");

        var issued = await new Lego(bound, NewDirectory()).RunHttp01Async(domain);
        await IssuedCertificateAssert.ValidAsync(issued, bound, domain);

        var unbound = await new Lego(bound with { ExternalAccount = null }, NewDirectory()).RunHttp01Async(domain);
        Assert.False(unbound.Succeeded, unbound.ToString());
        Assert.Contains("External Account Binding", unbound.Result.Output + unbound.Result.Error, StringComparison.OrdinalIgnoreCase);

        var forged = await new Lego(WithWrongHmac(bound), NewDirectory()).RunHttp01Async(domain);
        Assert.False(forged.Succeeded, forged.ToString());
        Assert.Contains("urn:ietf:params:acme:error:unauthorized", forged.Result.Output + forged.Result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(forged.CertificateFile));
    }

    /// <summary>A fresh name, so no test meets another's authorization or certificate.</summary>
    protected static string NewDomain(string label) => $"{label}-{Guid.NewGuid().ToString("n")[..10]}.example.test";

    private static AcmeServerUnderTest WithWrongHmac(AcmeServerUnderTest bound) =>
        bound with { ExternalAccount = ExternalAccountKey.Random(bound.ExternalAccount!.KeyId) };
}
