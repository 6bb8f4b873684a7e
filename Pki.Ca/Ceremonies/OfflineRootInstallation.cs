using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Keys;
using System.Security.Cryptography;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// The server's side of a root kept offline: an issuing CA's key is made in the server's key
/// store with a CSR for the root to sign (<see cref="RequestAsync"/>), and the certificate the root
/// signed is checked and installed with the root's certificate, the root's key never here
/// (<see cref="InstallAsync"/>). A rollover of such an issuing CA goes the same way, and a new
/// generation of the root itself is installed with its link certificates (<see cref="InstallRootGenerationAsync"/>).
/// </summary>
public sealed class OfflineRootInstallation(ICaStore store, IKeyStore keys, CaRegistry registry, TimeProvider time, IAuditTrail audit)
{
    /// <summary>
    /// Makes (or, for a request still pending, reuses) the key of issuing CA <paramref name="name"/>,
    /// or of the next generation of <paramref name="supersedes"/>, and returns its name and CSR.
    /// </summary>
    public async Task<(string Name, string CsrPem, string KeyId)> RequestAsync(
        string? name, string? supersedes, string? hierarchy, X509Name? subject, KeyAlgorithm? algorithm, CancellationToken cancellationToken = default)
    {
        KeyAlgorithm keyAlgorithm;
        X509Name keySubject;
        string? predecessor = null;
        if (supersedes is not null && name is not null)
        {
            throw new CeremonyException("Give --name for a new CA or --supersedes for the next generation of one, not both.");
        }

        if (supersedes is not null)
        {
            if (!registry.TryGetCurrent(supersedes, out var current))
            {
                throw new CeremonyException($"There is no CA '{supersedes}' here; the CAs are {Names()}.");
            }

            if (current.Parent is null)
            {
                throw new CeremonyException($"'{current.Name}' is a root: a root rolls over with 'pki ca rollover' where its key is.");
            }

            predecessor = current.Name;
            (name, hierarchy, keyAlgorithm, keySubject) = (CaGenerations.Next(current.Name), current.Hierarchy, current.Algorithm, subject ?? current.Certificate.SubjectDN);
            if (algorithm is { } asked && asked != keyAlgorithm)
            {
                throw new CeremonyException($"A CA's next generation keeps its algorithm ({current.AlgorithmName}).");
            }
        }
        else
        {
            if (name is null || subject is null)
            {
                throw new CeremonyException("A new CA needs --name and --subject (or --supersedes for the next generation of one).");
            }

            HierarchyLayout.RequireName(name, "CA name");
            hierarchy ??= name == CaRegistry.IssuingName ? HierarchyLayout.DefaultName : name.Replace("-issuing", "", StringComparison.Ordinal);
            HierarchyLayout.RequireName(hierarchy, "hierarchy name");
            (keyAlgorithm, keySubject) = (algorithm ?? KeyAlgorithm.EcdsaP256, subject);
        }

        if (await store.GetCaAsync(name, cancellationToken) is not null)
        {
            throw new CeremonyException($"There is a CA '{name}' already; nothing was requested.");
        }

        // A request asked again (its CSR lost, or another subject) keeps its key: nothing is orphaned.
        var pending = await PendingCaRequest.GetAsync(store, name, cancellationToken);
        var key = pending is not null && TryOpen(pending.KeyId) is { } existing && existing.Algorithm == keyAlgorithm
            ? existing
            : keys.Create(keyAlgorithm, "ca-" + name.Replace('.', '-'));
        await new PendingCaRequest(key.Id, hierarchy!, predecessor).SaveAsync(store, name, cancellationToken);
        var csr = CaCertificationRequest.Pem(key, keySubject);
        await audit.RecordAsync(CeremonyEvents.Success("ca.request", name, new()
        {
            ["subject"] = keySubject.ToString(),
            ["algorithm"] = keyAlgorithm.Name(),
            ["hierarchy"] = hierarchy!,
            ["key"] = key.Id,
            ["supersedes"] = predecessor ?? "",
        }), cancellationToken);
        return (name, csr, key.Id);
    }

    /// <summary>
    /// Installs the certificate a root signed for the pending request of <paramref name="name"/>:
    /// it must certify the request's key as a CA, be current, and verify under its issuer, a CA
    /// stored here or <paramref name="rootPem"/>, a self-signed root installed with it as an
    /// offline CA named <paramref name="rootName"/>. Nothing is stored when any check fails.
    /// </summary>
    public async Task<(CertificateAuthority Installed, CertificateAuthority Root)> InstallAsync(
        string name, byte[] certificatePem, byte[]? rootPem, string? rootName, CancellationToken cancellationToken = default)
    {
        var pending = await PendingCaRequest.GetAsync(store, name, cancellationToken)
            ?? throw new CeremonyException($"No request for CA '{name}' is pending here: run 'pki ca request' first.");
        var key = TryOpen(pending.KeyId)
            ?? throw new CeremonyException($"The key {pending.KeyId} requested for '{name}' is no longer in the key store: run 'pki ca request' again.");
        var certificate = CeremonyFiles.Certificate(certificatePem, "CA certificate");
        var now = time.GetUtcNow();
        if (!certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded().AsSpan().SequenceEqual(key.SubjectPublicKeyInfo.Span))
        {
            throw new CeremonyException($"The certificate is not for the key requested for '{name}' ({key.Id}); it certifies another key.");
        }

        RequireCurrentCa(certificate, "The certificate", now);
        var (root, rootRecord) = Issuer(certificate, rootPem, rootName, pending.Hierarchy, now);
        if (root.Algorithm != key.Algorithm)
        {
            throw new CeremonyException($"Root '{root.Name}' is {root.AlgorithmName} and the CA's key {key.Algorithm.Name()}: a hierarchy has one algorithm.");
        }

        if (rootRecord is not null && !await store.TryAddCaAsync(rootRecord, Installed(rootRecord, root.Certificate, "root"), cancellationToken))
        {
            throw new CeremonyException($"There is a CA '{rootRecord.Name}' already; nothing was installed (give the root another --root-name).");
        }

        // A CA joins its root's hierarchy; a root installed now takes the one the request named.
        var hierarchy = root.Hierarchy;
        var record = new CaRecord(name, key.Id, certificate.GetEncoded(), root.Name, now, hierarchy);
        var written = pending.Supersedes is { } predecessor
            ? await store.TryAddSuccessorAsync(predecessor, record, Installed(record, certificate, "issuing", predecessor), cancellationToken)
            : await store.TryAddCaAsync(record, Installed(record, certificate, "issuing"), cancellationToken);
        if (!written)
        {
            throw new CeremonyException($"There is a CA '{name}' already, or '{pending.Supersedes}' was superseded meanwhile; the certificate was not installed.");
        }

        await PendingCaRequest.ClearAsync(store, name, cancellationToken);
        var installed = CaLoader.Load(record, keys, hierarchy);
        registry.Add(installed);
        return (installed, root);
    }

    /// <summary>
    /// Installs <paramref name="name"/>, the next generation of a root held here offline, rolled over
    /// where its key is: its self-signed certificate and the two link certificates of the rollover
    /// (<paramref name="linksPem"/>), each checked against both generations' keys, so that the
    /// server serves them to relying parties that trust either root.
    /// </summary>
    public async Task<CertificateAuthority> InstallRootGenerationAsync(string name, byte[] certificatePem, byte[] linksPem, CancellationToken cancellationToken = default)
    {
        var previous = registry.All.FirstOrDefault(ca => ca.Parent is null && ca.IsOffline && ca.SupersededBy is null && CaGenerations.Next(ca.Name) == name)
            ?? throw new CeremonyException(
                $"'{name}' is not the next generation of an offline root here (offline roots: {string.Join(", ", registry.All.Where(a => a.Parent is null && a.IsOffline).Select(a => a.Name))}).");
        var now = time.GetUtcNow();
        var certificate = CeremonyFiles.Certificate(certificatePem, "root certificate");
        var publicKey = certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        if (!certificate.SubjectDN.Equivalent(certificate.IssuerDN) || !CeremonyFiles.IsSignedBy(certificate, publicKey))
        {
            throw new CeremonyException("The root certificate is not self-signed.");
        }

        RequireCurrentCa(certificate, "The root certificate", now);
        var record = new CaRecord(name, "", certificate.GetEncoded(), null, now, previous.Hierarchy);
        var successor = CaLoader.Load(record, keys, previous.Hierarchy);
        if (successor.Algorithm != previous.Algorithm)
        {
            throw new CeremonyException($"Root '{previous.Name}' is {previous.AlgorithmName} and '{name}' {successor.AlgorithmName}: a hierarchy has one algorithm.");
        }

        var links = CeremonyFiles.Certificates(linksPem, "link certificates");
        var newWithOld = links.FirstOrDefault(l => Certifies(l, successor, previous, now))
            ?? throw new CeremonyException($"The link certificates hold none for '{name}' signed by '{previous.Name}' (new-with-old).");
        var oldWithNew = links.FirstOrDefault(l => Certifies(l, previous, successor, now))
            ?? throw new CeremonyException($"The link certificates hold none for '{previous.Name}' signed by '{name}' (old-with-new).");
        if (!await store.TryAddSuccessorAsync(previous.Name, record, Installed(record, certificate, "root", previous.Name), cancellationToken))
        {
            throw new CeremonyException($"Root '{previous.Name}' was superseded meanwhile or '{name}' exists; nothing was installed.");
        }

        // Recorded as what each root signed, as where the rollover was made, so the links are served and listed the same way.
        await CaCertificateRecords.AddAsync(store, previous, newWithOld, CaCertificateRecords.LinkProfile, CeremonyEvents.Actor, now, cancellationToken, ImportAction);
        await CaCertificateRecords.AddAsync(store, successor, oldWithNew, CaCertificateRecords.LinkProfile, CeremonyEvents.Actor, now, cancellationToken, ImportAction);
        registry.Add(successor);
        registry.AddLinks([newWithOld, oldWithNew]);
        return successor;
    }

    /// <summary>The audit action of a certificate a CA signed on another machine, recorded here.</summary>
    private const string ImportAction = "certificate.import";

    /// <summary>Whether <paramref name="link"/> is a current CA certificate of <paramref name="subject"/>'s key and name, signed by <paramref name="signer"/>.</summary>
    private static bool Certifies(X509Certificate link, CertificateAuthority subject, CertificateAuthority signer, DateTimeOffset now) =>
        link.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded().AsSpan().SequenceEqual(subject.PublicKeyInfo)
        && link.SubjectDN.Equivalent(subject.Certificate.SubjectDN)
        && link.IssuerDN.Equivalent(signer.Certificate.SubjectDN)
        && CeremonyFiles.IsSignedBy(link, signer.PublicKeyInfo)
        && link.GetBasicConstraints() >= 0
        && now >= new DateTimeOffset(link.NotBefore, TimeSpan.Zero) && now <= new DateTimeOffset(link.NotAfter, TimeSpan.Zero);

    /// <summary>The CA that signed <paramref name="certificate"/>: one stored here, else the root given, then to be stored.</summary>
    private (CertificateAuthority Root, CaRecord? NewRecord) Issuer(
        X509Certificate certificate, byte[]? rootPem, string? rootName, string hierarchy, DateTimeOffset now)
    {
        // Roots sign issuing CAs; an issuing CA signs end entities only (path length 0).
        var stored = registry.All.FirstOrDefault(ca => ca.Parent is null
            && ca.Certificate.SubjectDN.Equivalent(certificate.IssuerDN) && CeremonyFiles.IsSignedBy(certificate, ca.PublicKeyInfo));
        if (stored is not null)
        {
            return (stored, null);
        }

        if (rootPem is null)
        {
            throw new CeremonyException($"No CA here signed the certificate (issuer {certificate.IssuerDN}): give the root's certificate with --root.");
        }

        var root = CeremonyFiles.Certificate(rootPem, "root certificate");
        if (!root.SubjectDN.Equivalent(root.IssuerDN) || !CeremonyFiles.IsSignedBy(root, root.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()))
        {
            throw new CeremonyException("The root certificate is not self-signed.");
        }

        RequireCurrentCa(root, "The root certificate", now);
        if (!root.SubjectDN.Equivalent(certificate.IssuerDN) || !CeremonyFiles.IsSignedBy(certificate, root.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()))
        {
            throw new CeremonyException($"The certificate was not signed by the root given ({root.SubjectDN}); its issuer is {certificate.IssuerDN}.");
        }

        if (rootName is null)
        {
            throw new CeremonyException("--root-name is required: the name the root has where its key is (its URLs use it).");
        }

        HierarchyLayout.RequireName(rootName, "root name");
        var record = new CaRecord(rootName, "", root.GetEncoded(), null, now, hierarchy);
        return (CaLoader.Load(record, keys, hierarchy), record);
    }

    private static void RequireCurrentCa(X509Certificate certificate, string role, DateTimeOffset now)
    {
        if (certificate.GetBasicConstraints() < 0)
        {
            throw new CeremonyException($"{role} is not a CA certificate (no basicConstraints cA).");
        }

        if (now < new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero) || now > new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero))
        {
            throw new CeremonyException($"{role} is not valid now (valid {certificate.NotBefore:u} to {certificate.NotAfter:u}).");
        }
    }

    private static AuditEvent Installed(CaRecord record, X509Certificate certificate, string role, string? supersedes = null)
    {
        var details = new Dictionary<string, string>
        {
            ["role"] = role,
            ["subject"] = certificate.SubjectDN.ToString(),
            ["issuer"] = certificate.IssuerDN.ToString(),
            ["hierarchy"] = record.Hierarchy ?? "",
            ["key"] = record.IsOffline ? "offline" : record.KeyId,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(record.Certificate)),
            ["notAfter"] = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero).ToString("O"),
        };
        if (supersedes is not null)
        {
            details["successor"] = record.Name;
        }

        return CeremonyEvents.Success(supersedes is null ? "ca.install" : "ca.rollover", supersedes ?? record.Name, details);
    }

    private ISigningKey? TryOpen(string keyId)
    {
        try
        {
            return keys.Open(keyId);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private string Names() => string.Join(", ", registry.All.Select(a => a.Name));
}
