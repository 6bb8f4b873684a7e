using System.Collections.Immutable;

namespace Pki.Ca.Hierarchy;

/// <summary>The CAs loaded at start-up, by name. The bootstrap fills it before the platform serves.</summary>
public sealed class CaRegistry
{
    private ImmutableDictionary<string, CertificateAuthority> authorities = ImmutableDictionary<string, CertificateAuthority>.Empty;
    private ImmutableList<string> order = [];
    private string? transportIssuing;

    /// <summary>The default root CA's name.</summary>
    public const string RootName = "root";

    /// <summary>The default issuing CA's name.</summary>
    public const string IssuingName = "issuing";

    /// <summary>All CAs, hierarchy by hierarchy in the order they were loaded, each root before the CAs it signed.</summary>
    public IEnumerable<CertificateAuthority> All => order.Select(name => authorities[name]);

    /// <summary>The default issuing CA: it issues under every profile that names no CA.</summary>
    public CertificateAuthority Issuing => Get(IssuingName);

    /// <summary>The default root CA.</summary>
    public CertificateAuthority Root => Get(RootName);

    /// <summary>
    /// The issuing CA of the platform's own TLS credentials (HTTPS listener, administrator and
    /// officer certificates): from a hierarchy whose signatures every TLS stack verifies.
    /// </summary>
    public CertificateAuthority TransportIssuing => Get(transportIssuing ?? IssuingName);

    /// <summary>Finds a CA by name.</summary>
    public bool TryGet(string name, out CertificateAuthority authority) => authorities.TryGetValue(name, out authority!);

    /// <summary>The chain from <paramref name="authority"/> up to its root.</summary>
    public IReadOnlyList<CertificateAuthority> Chain(CertificateAuthority authority)
    {
        var chain = new List<CertificateAuthority>();
        for (CertificateAuthority? current = authority; current is not null; current = current.Parent is { } p && TryGet(p, out var parent) ? parent : null)
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>The chain from <paramref name="authority"/> up to its root, as PEM.</summary>
    public IReadOnlyList<string> ChainPem(CertificateAuthority authority) => [.. Chain(authority).Select(ca => ca.Pem)];

    internal void Add(CertificateAuthority authority)
    {
        ImmutableInterlocked.Update(ref authorities, a => a.SetItem(authority.Name, authority));
        ImmutableInterlocked.Update(ref order, o => o.Contains(authority.Name) ? o : o.Add(authority.Name));
    }

    internal void SetTransport(CertificateAuthority issuing) => transportIssuing = issuing.Name;

    private CertificateAuthority Get(string name) =>
        authorities.TryGetValue(name, out var authority)
            ? authority
            : throw new InvalidOperationException($"The CA '{name}' is not loaded; the hierarchy bootstrap has not run.");
}
