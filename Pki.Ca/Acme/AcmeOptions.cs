namespace Pki.Ca;

/// <summary><c>Pki:Acme</c>: the ACME server (RFC 8555) at <c>/acme/directory</c>.</summary>
public sealed class AcmeOptions
{
    /// <summary>
    /// Whether a new account needs an External Account Binding (true by default): then every
    /// account belongs to a department and orders only names in its name spaces. When false, an
    /// account without one may order any DNS name it proves control of, under <see cref="Profile"/>.
    /// </summary>
    public bool ExternalAccountRequired { get; set; } = true;

    /// <summary>The profile of orders that name none (<c>tls-server</c>); a department's account falls back to its first profile when the department may not use it.</summary>
    public string Profile { get; set; } = "tls-server";

    /// <summary>How long an order (and its authorizations) may take to become valid (<c>d.hh:mm:ss</c>; 7 days by default).</summary>
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an External Account Binding key can be used (<c>d.hh:mm:ss</c>; 7 days by default).</summary>
    public TimeSpan ExternalKeyLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where the server connects to validate challenges.</summary>
    public AcmeValidationOptions Validation { get; set; } = new();

    internal void Validate()
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new InvalidOperationException("Pki:Acme:" + message);
            }
        }

        Require(OrderLifetime >= TimeSpan.FromSeconds(1) && OrderLifetime <= TimeSpan.FromDays(30), "OrderLifetime must be between 00:00:01 and 30.00:00:00.");
        Require(ExternalKeyLifetime >= TimeSpan.FromMinutes(1) && ExternalKeyLifetime <= TimeSpan.FromDays(90), "ExternalKeyLifetime must be between 00:01:00 and 90.00:00:00.");
        Require(Validation.HttpPort is > 0 and <= 65535 && Validation.TlsPort is > 0 and <= 65535, "Validation ports must be between 1 and 65535.");
        Require(Validation.Timeout > TimeSpan.Zero && Validation.Timeout <= TimeSpan.FromMinutes(1), "Validation:Timeout must be between 0 and 00:01:00.");
        foreach (var resolver in Validation.Resolvers)
        {
            Require(System.Net.IPEndPoint.TryParse(resolver, out _), $"Validation:Resolvers entry '{resolver}' is not an address (ip or ip:port).");
        }
    }
}

/// <summary><c>Pki:Acme:Validation</c>: how challenges are checked.</summary>
public sealed class AcmeValidationOptions
{
    /// <summary>The port http-01 validation connects to (80, as RFC 8555 says; another for tests on loopback).</summary>
    public int HttpPort { get; set; } = 80;

    /// <summary>The port tls-alpn-01 validation connects to (443, as RFC 8737 says), and https redirects of http-01 may go to.</summary>
    public int TlsPort { get; set; } = 443;

    /// <summary>DNS servers (<c>ip</c> or <c>ip:port</c>) to look names and TXT records up with; the system's when empty.</summary>
    public List<string> Resolvers { get; set; } = [];

    /// <summary>How long one validation may take in all (10 s by default).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
