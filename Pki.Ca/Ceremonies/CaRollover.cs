using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Cryptography;
using Platform.Keys;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// Rolls a CA over to a new key and certificate before the old one expires. The new generation
/// (<c>issuing</c> → <c>issuing.2</c>) issues from then on under the CA's name; the old one keeps
/// its name, certificate, CRL and OCSP responder for what it issued. A root's rollover also
/// signs the link certificates of RFC 4210 §4.4 (new-with-old and old-with-new), so relying
/// parties that trust either generation verify chains of both.
/// </summary>
public sealed class CaRollover(ICaStore store, IKeyStore keys, CaRegistry registry, PkiUrls urls, TimeProvider time)
{
    /// <summary>Rolls over the current generation of <paramref name="name"/>; the subject stays unless <paramref name="subject"/> is given.</summary>
    public async Task<RolloverResult> RolloverAsync(string name, int? validityDays, X509Name? subject, CancellationToken cancellationToken = default)
    {
        if (!registry.TryGetCurrent(name, out var current))
        {
            throw new CeremonyException($"There is no CA '{name}'; the CAs are {string.Join(", ", registry.All.Select(a => a.Name))}.");
        }

        if (current.IsOffline)
        {
            throw new CeremonyException($"The key of CA '{current.Name}' is not here; run the rollover where it is.");
        }

        var parent = current.Parent is { } parentName && registry.TryGet(parentName, out var p) ? registry.Current(p) : null;
        if (parent is { IsOffline: true })
        {
            throw new CeremonyException(
                $"The root '{parent.Name}' of CA '{current.Name}' is offline: run 'pki ca request --supersedes {current.Name}', sign the request where the root is, and install the certificate.");
        }

        var days = validityDays ?? (int)Math.Round((current.Certificate.NotAfter - current.Certificate.NotBefore).TotalDays);
        if (days is < 1 or > 100 * 365)
        {
            throw new CeremonyException("A CA's validity is between 1 and 36500 days.");
        }

        var now = time.GetUtcNow();
        var successorName = CaGenerations.Next(current.Name);
        var key = keys.Create(current.Algorithm, "ca-" + successorName.Replace('.', '-'));
        var newSubject = subject ?? current.Certificate.SubjectDN;
        var certificate = parent is null
            ? CaCertificates.Root(key, newSubject, now, days)
            : CaCertificates.Subordinate(parent, SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), newSubject, now, days, urls);
        var record = new CaRecord(successorName, key.Id, certificate.GetEncoded(), parent?.Name, now, current.Hierarchy);
        var rolledOver = CeremonyEvents.Success("ca.rollover", current.Name, new()
        {
            ["successor"] = successorName,
            ["subject"] = newSubject.ToString(),
            ["algorithm"] = current.AlgorithmName,
            ["key"] = key.Id,
            ["notAfter"] = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero).ToString("O"),
        });
        if (!await store.TryAddSuccessorAsync(current.Name, record, rolledOver, cancellationToken))
        {
            throw new CeremonyException($"CA '{current.Name}' was rolled over already or '{successorName}' exists; nothing was changed (the new key {key.Id} is unused).");
        }

        var successor = CaLoader.Load(record, keys, current.Hierarchy);
        registry.Add(CaLoader.Load((await store.GetCaAsync(current.Name, cancellationToken))!, keys, current.Hierarchy));
        registry.Add(successor);
        var links = new List<X509Certificate>();
        if (parent is null)
        {
            // Each generation certifies the other: relying parties holding either root reach both.
            links.Add(CaCertificates.Link(current, successor, now, urls));
            links.Add(CaCertificates.Link(successor, current, now, urls));
            await CaCertificateRecords.AddAsync(store, current, links[0], CaCertificateRecords.LinkProfile, CeremonyEvents.Actor, now, cancellationToken);
            await CaCertificateRecords.AddAsync(store, successor, links[1], CaCertificateRecords.LinkProfile, CeremonyEvents.Actor, now, cancellationToken);
            registry.AddLinks(links);
        }
        else
        {
            await CaCertificateRecords.AddAsync(store, parent, certificate, "ca", CeremonyEvents.Actor, now, cancellationToken);
        }

        return new RolloverResult(current, successor, links);
    }
}
