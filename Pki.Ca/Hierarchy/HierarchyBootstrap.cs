using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// On first start creates the <c>root</c> and <c>issuing</c> CAs, and on the first start that
/// names them the CAs of every hierarchy under <c>Pki:Hierarchies</c>; on every start loads them
/// and writes the CA PEM files that are missing. When TLS stacks refuse the default hierarchy's
/// algorithm (SM2), the platform's own TLS credentials come from a <c>transport</c> hierarchy,
/// created here. Nothing here scans issued certificates, so start-up time does not grow with the
/// repository.
/// </summary>
internal sealed partial class HierarchyBootstrap(
    IOptions<CaOptions> caOptions,
    IOptions<PlatformOptions> platformOptions,
    ICaStore store,
    IKeyStore keys,
    CaRegistry registry,
    ProfileCatalog profiles,
    TimeProvider time,
    PkiUrls urls,
    ILogger<HierarchyBootstrap> logger) : IStartupTask
{
    public int Order => 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = caOptions.Value;
        if (!KeyAlgorithmNames.TryParse(options.Hierarchy.Algorithm, out var algorithm))
        {
            throw new InvalidOperationException(
                $"Pki:Hierarchy:Algorithm '{options.Hierarchy.Algorithm}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
        }

        var issuing = await LoadOrCreateAsync(HierarchyLayout.Default(options.Hierarchy, algorithm), cancellationToken);
        var issuer = issuing[0];
        var loaded = new Dictionary<string, IReadOnlyList<CertificateAuthority>>(StringComparer.Ordinal) { [HierarchyLayout.DefaultName] = issuing };
        foreach (var hierarchy in HierarchyLayout.Named(options))
        {
            loaded[hierarchy.Name] = await LoadOrCreateAsync(hierarchy, cancellationToken);
        }

        var transport = options.TransportHierarchy
            ?? (HierarchyLayout.IsTlsCapable(issuer.Algorithm) ? HierarchyLayout.DefaultName : HierarchyLayout.TransportName);
        if (!loaded.TryGetValue(transport, out var transportCas))
        {
            loaded[transport] = transportCas = await LoadOrCreateAsync(HierarchyLayout.BuiltInTransport(), cancellationToken);
        }

        if (!HierarchyLayout.IsTlsCapable(transportCas[0].Algorithm))
        {
            throw new InvalidOperationException(
                $"Pki:TransportHierarchy '{transport}' uses {transportCas[0].AlgorithmName}, which TLS stacks do not accept; the HTTPS listener and the "
                + "administrator's certificate need an ECDSA, RSA or Ed25519 hierarchy.");
        }

        registry.SetTransport(transportCas[0]);
        if (transport != HierarchyLayout.DefaultName)
        {
            LogTransport(logger, transport, transportCas[0].Name, transportCas[0].AlgorithmName);
        }

        await LoadRemainingAsync(cancellationToken);
        await CaLoader.LoadLinksAsync(store, registry, cancellationToken);
        CheckProfiles();
        WritePemFiles(platformOptions.Value.DataDirectoryPath);
    }

    /// <summary>
    /// Writes, where missing, each CA's <c>&lt;ca&gt;-ca.pem</c> and each issuing CA's
    /// <c>&lt;ca&gt;-ca-chain.pem</c> (up to its root); the default hierarchy keeps the names it
    /// has always had: <c>root-ca.pem</c>, <c>issuing-ca.pem</c> and <c>ca-chain.pem</c>. A root
    /// generation certified by another gets <c>&lt;ca&gt;-ca-links.pem</c>, its link certificates.
    /// </summary>
    private void WritePemFiles(string directory)
    {
        foreach (var ca in registry.All)
        {
            WriteIfMissing(Path.Combine(directory, ca.Name + "-ca.pem"), ca.Pem);
            if (registry.LinksOf(ca) is { Count: > 0 } links)
            {
                WriteIfMissing(Path.Combine(directory, ca.Name + "-ca-links.pem"), string.Concat(links.Select(l => PemText.Certificate(l.GetEncoded()))));
            }

            if (ca.IsIssuing)
            {
                var chain = string.Concat(registry.ChainPem(ca));
                WriteIfMissing(Path.Combine(directory, ca.Name == CaRegistry.IssuingName ? "ca-chain.pem" : ca.Name + "-ca-chain.pem"), chain);
            }
        }
    }

    /// <summary>Loads or creates <paramref name="hierarchy"/>'s root and issuing CAs; returns the current generation of each issuing CA.</summary>
    private async Task<IReadOnlyList<CertificateAuthority>> LoadOrCreateAsync(PlannedHierarchy hierarchy, CancellationToken cancellationToken)
    {
        var root = await LoadOrCreateAsync(hierarchy.Name, hierarchy.Root, null, hierarchy.Algorithm, cancellationToken);
        var issuing = new List<CertificateAuthority>();
        foreach (var planned in hierarchy.Issuing)
        {
            issuing.Add(await LoadOrCreateAsync(hierarchy.Name, planned, root, hierarchy.Algorithm, cancellationToken));
        }

        if (issuing[0].Algorithm != hierarchy.Algorithm)
        {
            LogAlgorithmIgnored(logger, hierarchy.Setting, hierarchy.Algorithm.Name(), issuing[0].Algorithm.Name());
        }

        return issuing;
    }

    /// <summary>
    /// The CAs stored but not named by configuration: those made in key ceremonies (their records
    /// name their hierarchy), and those whose hierarchy configuration no longer names them, which
    /// keep answering CRL and OCSP requests for what they issued: relying parties still hold those
    /// certificates. Stored oldest first, so a parent loads before the CAs it signed.
    /// </summary>
    private async Task LoadRemainingAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.ListCasAsync(cancellationToken))
        {
            if (!registry.TryGet(record.Name, out _))
            {
                registry.Add(CaLoader.Load(record, keys, CaLoader.HierarchyOf(record, registry)));
                if (record.Hierarchy is null)
                {
                    LogUnconfigured(logger, record.Name);
                }
            }
        }
    }

    /// <summary>A profile bound to a CA needs that CA, and a profile for TLS credentials one that TLS stacks accept: checked before serving.</summary>
    private void CheckProfiles()
    {
        foreach (var profile in profiles.All.Where(p => p.Ca is not null))
        {
            if (!registry.TryGetCurrent(profile.Ca!, out var ca) || !ca.IsIssuing || ca.IsOffline)
            {
                throw new InvalidOperationException(
                    $"Pki:Profiles:{profile.Name}:Ca '{profile.Ca}' is not an issuing CA (issuing CAs: {string.Join(", ", registry.All.Where(a => a.IsIssuing).Select(a => a.Name))}).");
            }

            if (profile.IsTransportCredential && !HierarchyLayout.IsTlsCapable(ca.Algorithm))
            {
                throw new InvalidOperationException(
                    $"Pki:Profiles:{profile.Name}:Ca '{profile.Ca}' uses {ca.AlgorithmName}, but the profile's certificates authenticate to the HTTPS listener, which needs a CA TLS stacks accept.");
            }
        }
    }

    private async Task<CertificateAuthority> LoadOrCreateAsync(
        string hierarchy, PlannedCa planned, CertificateAuthority? parent, KeyAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var (name, subject, validityDays) = (planned.Name, planned.Subject, planned.ValidityDays);
        var record = await store.GetCaAsync(name, cancellationToken);
        if (record is null)
        {
            var created = Create(name, parent, algorithm, subject, validityDays);
            var createdEvent = new AuditEvent
            {
                Module = "pki.ca",
                Action = "ca.create",
                Outcome = AuditOutcome.Success,
                Actor = AuditActor.System,
                Target = name,
                Details = hierarchy == HierarchyLayout.DefaultName
                    ? new Dictionary<string, string> { ["subject"] = subject, ["algorithm"] = algorithm.Name() }
                    : new Dictionary<string, string> { ["subject"] = subject, ["algorithm"] = algorithm.Name(), ["hierarchy"] = hierarchy },
            };
            if (await store.TryAddCaAsync(created, createdEvent, cancellationToken))
            {
                LogCreated(logger, name, subject, algorithm.Name());
            }

            // Another node may have won the race; whatever is stored now is the CA.
            record = await store.GetCaAsync(name, cancellationToken)
                ?? throw new InvalidOperationException($"The CA '{name}' could not be stored.");
        }

        if (record.Parent is { } parentName && registry.TryGet(parentName, out var signer) && !signer.IsOffline)
        {
            await RecordIssuedCaAsync(record, signer, cancellationToken);
        }

        var authority = CaLoader.Load(record, keys, hierarchy);
        registry.Add(authority);

        // Its later generations (rollovers), each signed by its parent's generation of the day.
        while (authority.SupersededBy is { } next && !registry.TryGet(next, out _) && await store.GetCaAsync(next, cancellationToken) is { } successor)
        {
            authority = CaLoader.Load(successor, keys, hierarchy);
            registry.Add(authority);
        }

        return authority;
    }

    /// <summary>A CA signed by another is also that CA's issued certificate, so the parent's CRL and OCSP answer for it. Idempotent, so a crash between the two writes heals on the next start.</summary>
    private async Task RecordIssuedCaAsync(CaRecord created, CertificateAuthority parent, CancellationToken cancellationToken)
    {
        var certificate = new X509Certificate(created.Certificate);
        var serial = SerialNumbers.ToHex(certificate.SerialNumber);
        if (await store.GetCertificateAsync(serial, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            var record = new CertificateRecord
            {
                SerialNumber = serial,
                CaName = parent.Name,
                Subject = certificate.SubjectDN.ToString(),
                Profile = "ca",
                NotBefore = new DateTimeOffset(certificate.NotBefore, TimeSpan.Zero),
                NotAfter = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero),
                Certificate = created.Certificate,
                RequestedBy = "system",
                IssuedAt = created.CreatedAt,
            };
            await store.AddCertificateAsync(record,
                IssuanceEvents.Issued(record, PublicKeys.Describe(certificate.CertificateStructure.SubjectPublicKeyInfo).Description, AuditActor.System),
                cancellationToken);
        }
        catch (DuplicateSerialException)
        {
            // Another node recorded it at the same moment.
        }
    }

    private CaRecord Create(string name, CertificateAuthority? parent, KeyAlgorithm algorithm, string subject, int validityDays)
    {
        var key = keys.Create(algorithm, "ca-" + name);
        var now = time.GetUtcNow();
        var subjectName = new X509Name(subject);
        var certificate = parent is null
            ? CaCertificates.Root(key, subjectName, now, validityDays)
            : CaCertificates.Subordinate(parent, SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), subjectName, now, validityDays, urls);
        return new CaRecord(name, key.Id, certificate.GetEncoded(), parent?.Name, now);
    }

    private static void WriteIfMissing(string path, string content)
    {
        if (!File.Exists(path))
        {
            SecureFile.WriteNew(path, System.Text.Encoding.ASCII.GetBytes(content),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Created CA {Name} ({Subject}, {Algorithm})")]
    private static partial void LogCreated(ILogger logger, string name, string subject, string algorithm);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "{Setting} is {Configured} but the existing hierarchy uses {Existing}; the setting applies on first start only")]
    private static partial void LogAlgorithmIgnored(ILogger logger, string setting, string configured, string existing);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "The platform's TLS credentials (HTTPS listener, administrator and officer certificates) come from hierarchy {Hierarchy}: CA {Ca} ({Algorithm})")]
    private static partial void LogTransport(ILogger logger, string hierarchy, string ca, string algorithm);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "CA {Name} is stored but no hierarchy in the configuration names it; it keeps answering CRL and OCSP requests")]
    private static partial void LogUnconfigured(ILogger logger, string name);
}
