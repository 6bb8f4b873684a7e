using System.Collections.Immutable;

namespace Pki.Ca.Hierarchy;

/// <summary>The CAs loaded at start-up, by name. The bootstrap fills it before the platform serves.</summary>
public sealed class CaRegistry
{
    private ImmutableDictionary<string, CertificateAuthority> authorities = ImmutableDictionary<string, CertificateAuthority>.Empty;
    private ImmutableList<string> order = [];
    private string? transportIssuing;
    private ImmutableList<Org.BouncyCastle.X509.X509Certificate> links = [];

    /// <summary>The default root CA's name.</summary>
    public const string RootName = "root";

    /// <summary>The default issuing CA's name.</summary>
    public const string IssuingName = "issuing";

    /// <summary>All CAs, hierarchy by hierarchy in the order they were loaded, each root before the CAs it signed.</summary>
    public IEnumerable<CertificateAuthority> All => order.Select(name => authorities[name]);

    /// <summary>The default issuing CA (its current generation): it issues under every profile that names no CA.</summary>
    public CertificateAuthority Issuing => Current(Get(IssuingName));

    /// <summary>The default root CA (its current generation).</summary>
    public CertificateAuthority Root => Current(Get(RootName));

    /// <summary>
    /// The issuing CA of the platform's own TLS credentials (HTTPS listener, administrator and
    /// officer certificates): from a hierarchy whose signatures every TLS stack verifies.
    /// </summary>
    public CertificateAuthority TransportIssuing => Current(Get(transportIssuing ?? IssuingName));

    /// <summary>Finds a CA by name, whatever its generation: the name of a superseded CA still finds it (its CRL, its certificate).</summary>
    public bool TryGet(string name, out CertificateAuthority authority) => authorities.TryGetValue(name, out authority!);

    /// <summary>
    /// Finds the CA that issues for <paramref name="name"/>: the current generation of that CA
    /// after any rollovers (<c>issuing</c> → <c>issuing.2</c> → …).
    /// </summary>
    public bool TryGetCurrent(string name, out CertificateAuthority authority)
    {
        var found = TryGet(name, out authority);
        if (found)
        {
            authority = Current(authority);
        }

        return found;
    }

    /// <summary>The current generation of <paramref name="authority"/>.</summary>
    public CertificateAuthority Current(CertificateAuthority authority)
    {
        // Bounded by the number of CAs, so a cycle written by hand into the database cannot hang.
        for (var steps = 0; authority.SupersededBy is { } next && steps < authorities.Count && authorities.TryGetValue(next, out var successor); steps++)
        {
            authority = successor;
        }

        return authority;
    }

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

    /// <summary>
    /// The link certificates (RFC 4210 §4.4) that certify <paramref name="authority"/>'s key under
    /// another generation of its root: what a relying party trusting that generation needs.
    /// </summary>
    public IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> LinksOf(CertificateAuthority authority) =>
        [.. links.Where(l => l.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded().AsSpan().SequenceEqual(authority.PublicKeyInfo))];

    internal void AddLinks(IEnumerable<Org.BouncyCastle.X509.X509Certificate> added) =>
        ImmutableInterlocked.Update(ref links, l => l.AddRange(added.Where(a => !l.Contains(a))));

    internal void SetTransport(CertificateAuthority issuing) => transportIssuing = issuing.Name;

    private CertificateAuthority Get(string name) =>
        authorities.TryGetValue(name, out var authority)
            ? authority
            : throw new InvalidOperationException($"The CA '{name}' is not loaded; the hierarchy bootstrap has not run.");
}
