using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Crl;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Keys;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// The steps of a key ceremony where a root's key is: create the root, sign an issuing CA from
/// its CSR, sign the root's CRL. Run on the machine that holds the root (its HSM or software
/// store), typically one kept offline, with its own data directory; each step is audited there.
/// </summary>
public sealed class RootCeremony(
    ICaStore store, IKeyStore keys, CaRegistry registry, CrlPublisher crls, PkiUrls urls, TimeProvider time, IAuditTrail audit)
{
    /// <summary>Creates root CA <paramref name="name"/> of <paramref name="hierarchy"/> with a new key in the key store.</summary>
    public async Task<CertificateAuthority> CreateRootAsync(
        string name, string hierarchy, X509Name subject, KeyAlgorithm algorithm, int validityDays, CancellationToken cancellationToken = default)
    {
        HierarchyLayout.RequireName(name, "CA name");
        HierarchyLayout.RequireName(hierarchy, "hierarchy name");
        if (validityDays is < 1 or > 100 * 365)
        {
            throw new CeremonyException("A root's validity is between 1 and 36500 days.");
        }

        if (await store.GetCaAsync(name, cancellationToken) is not null)
        {
            throw new CeremonyException($"There is a CA '{name}' already; nothing was created.");
        }

        var key = keys.Create(algorithm, "ca-" + name);
        var now = time.GetUtcNow();
        var certificate = CaCertificates.Root(key, subject, now, validityDays);
        var record = new CaRecord(name, key.Id, certificate.GetEncoded(), null, now, hierarchy);
        var created = CeremonyEvents.Success("ca.create", name, new()
        {
            ["subject"] = subject.ToString(),
            ["algorithm"] = algorithm.Name(),
            ["hierarchy"] = hierarchy,
            ["key"] = key.Id,
            ["notAfter"] = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero).ToString("O"),
        });
        if (!await store.TryAddCaAsync(record, created, cancellationToken))
        {
            throw new CeremonyException($"There is a CA '{name}' already; nothing was created (the new key {key.Id} is unused).");
        }

        var authority = CaLoader.Load(record, keys, hierarchy);
        registry.Add(authority);
        return authority;
    }

    /// <summary>
    /// Signs the CA certificate an issuing CA asked for in <paramref name="csrPem"/>, with the
    /// current generation of <paramref name="issuerName"/>, and records it as that CA's issued
    /// certificate so that its CRL can revoke it.
    /// </summary>
    public async Task<X509Certificate> SignCaAsync(string issuerName, string csrPem, int validityDays, CancellationToken cancellationToken = default)
    {
        var issuer = OnlineCa(issuerName, current: true);
        var (csr, error) = CsrParser.Parse(csrPem);
        if (csr is null)
        {
            throw new CeremonyException($"The CSR was refused: {error!.Message}");
        }

        if (csr.Key.Algorithm != issuer.Algorithm)
        {
            throw new CeremonyException($"The CSR's key is {csr.Key.Description}; CA '{issuer.Name}' is {issuer.AlgorithmName}, and a hierarchy has one algorithm.");
        }

        if (validityDays is < 1 or > 100 * 365)
        {
            throw new CeremonyException("A CA's validity is between 1 and 36500 days.");
        }

        var now = time.GetUtcNow();
        var certificate = CaCertificates.Subordinate(issuer, csr.PublicKey, csr.Subject, now, validityDays, urls);
        await CaCertificateRecords.AddAsync(store, issuer, certificate, "ca", CeremonyEvents.Actor, now, cancellationToken);
        return certificate;
    }

    /// <summary>
    /// Signs and stores a new full CRL of <paramref name="caName"/> (any generation whose key is
    /// here) and the delta CRL signed with it, and returns both: the pair a server holding the CA
    /// as offline imports.
    /// </summary>
    public async Task<(StoredCrl Full, StoredCrl Delta)> SignCrlAsync(string caName, CancellationToken cancellationToken = default)
    {
        var ca = OnlineCa(caName, current: false);
        await crls.RefreshAsync(ca.Name, cancellationToken);
        var crl = await crls.FullAsync(ca.Name, cancellationToken);
        var delta = await crls.DeltaAsync(ca.Name, cancellationToken);
        await audit.RecordAsync(CeremonyEvents.Success("crl.sign", ca.Name, new()
        {
            ["number"] = crl.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["deltaNumber"] = delta.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["thisUpdate"] = crl.ThisUpdate.ToString("O"),
            ["nextUpdate"] = crl.NextUpdate.ToString("O"),
        }), cancellationToken);
        return (crl, delta);
    }

    private CertificateAuthority OnlineCa(string name, bool current)
    {
        if (!(current ? registry.TryGetCurrent(name, out var ca) : registry.TryGet(name, out ca)))
        {
            throw new CeremonyException($"There is no CA '{name}' here; the CAs are {string.Join(", ", registry.All.Select(a => a.Name))}.");
        }

        return ca.IsOffline
            ? throw new CeremonyException($"The key of CA '{ca.Name}' is not here; run this step where it is.")
            : ca;
    }
}
