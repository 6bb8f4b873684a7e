namespace Server.Hosting;

/// <summary>
/// Which modules this process hosts, from the <c>Modules</c> setting: a comma-separated list of
/// <c>ca</c>, <c>tsa</c>, <c>authorization</c>, <c>identity</c>, <c>signatures</c> and <c>gateway</c>, every one by
/// default. The audit trail is always hosted: every process records its own actions, durably,
/// before it answers. A gateway hosted without the others reaches them on the platform named by
/// <c>Gateway:Platform</c>.
/// </summary>
internal sealed record HostedModules(bool Ca, bool Tsa, bool Authorization, bool Identity, bool Gateway, bool Signatures)
{
    public const string Setting = "Modules";

    private static readonly string[] Names = ["ca", "tsa", "authorization", "identity", "gateway", "signatures"];

    public static HostedModules From(IConfiguration configuration)
    {
        var setting = configuration[Setting];
        if (string.IsNullOrWhiteSpace(setting))
        {
            return new HostedModules(true, true, true, true, true, true);
        }

        var named = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (named.FirstOrDefault(n => !Names.Contains(n)) is { } unknown)
        {
            throw new InvalidOperationException($"Modules names '{unknown}', which is not a module; the modules are {string.Join(", ", Names)}.");
        }

        if (named.Contains("tsa") && !named.Contains("ca"))
        {
            // The TSA's certificate and the other modules' credentials come from the CA in process.
            throw new InvalidOperationException("Modules: the TSA is hosted with the CA.");
        }

        if ((named.Contains("authorization") || named.Contains("identity") || named.Contains("signatures")) && !named.Contains("ca"))
        {
            throw new InvalidOperationException(
                "Modules: the authorization service, the identity provider and the signature service are hosted with the CA; only the gateway runs without it.");
        }

        return new HostedModules(named.Contains("ca"), named.Contains("tsa"), named.Contains("authorization"), named.Contains("identity"), named.Contains("gateway"),
            named.Contains("signatures"));
    }
}
