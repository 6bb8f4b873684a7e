using System.Collections.Immutable;

namespace Pki.Ca.Hierarchy;

/// <summary>The CAs loaded at start-up, by name. The bootstrap fills it before the platform serves.</summary>
public sealed class CaRegistry
{
    private ImmutableDictionary<string, CertificateAuthority> authorities = ImmutableDictionary<string, CertificateAuthority>.Empty;

    /// <summary>The default root CA's name.</summary>
    public const string RootName = "root";

    /// <summary>The default issuing CA's name.</summary>
    public const string IssuingName = "issuing";

    /// <summary>All CAs, root first.</summary>
    public IEnumerable<CertificateAuthority> All => authorities.Values.OrderBy(a => a.Parent is null ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal);

    /// <summary>The issuing CA.</summary>
    public CertificateAuthority Issuing => Get(IssuingName);

    /// <summary>The root CA.</summary>
    public CertificateAuthority Root => Get(RootName);

    /// <summary>Finds a CA by name.</summary>
    public bool TryGet(string name, out CertificateAuthority authority) => authorities.TryGetValue(name, out authority!);

    /// <summary>The chain from <paramref name="authority"/> up to its root, as PEM.</summary>
    public IReadOnlyList<string> ChainPem(CertificateAuthority authority)
    {
        var chain = new List<string>();
        for (CertificateAuthority? current = authority; current is not null; current = current.Parent is { } p && TryGet(p, out var parent) ? parent : null)
        {
            chain.Add(current.Pem);
        }

        return chain;
    }

    internal void Add(CertificateAuthority authority) =>
        ImmutableInterlocked.Update(ref authorities, a => a.SetItem(authority.Name, authority));

    private CertificateAuthority Get(string name) =>
        authorities.TryGetValue(name, out var authority)
            ? authority
            : throw new InvalidOperationException($"The CA '{name}' is not loaded; the hierarchy bootstrap has not run.");
}
