using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// On first start creates the <c>root</c> and <c>issuing</c> CAs; on every start loads them
/// and writes the CA PEM files that are missing. Nothing here scans issued certificates, so
/// start-up time does not grow with the repository.
/// </summary>
internal sealed partial class HierarchyBootstrap(
    IOptions<CaOptions> caOptions,
    IOptions<PlatformOptions> platformOptions,
    ICaStore store,
    IKeyStore keys,
    CaRegistry registry,
    TimeProvider time,
    PkiUrls urls,
    ILogger<HierarchyBootstrap> logger) : IStartupTask
{
    public int Order => 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = caOptions.Value.Hierarchy;
        if (!KeyAlgorithmNames.TryParse(options.Algorithm, out var algorithm))
        {
            throw new InvalidOperationException(
                $"Pki:Hierarchy:Algorithm '{options.Algorithm}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
        }

        var root = await LoadOrCreateAsync(CaRegistry.RootName, null, algorithm, options.RootSubject, options.RootValidityDays, cancellationToken);
        var issuing = await LoadOrCreateAsync(CaRegistry.IssuingName, root, algorithm, options.IssuingSubject, options.IssuingValidityDays, cancellationToken);
        if (issuing.SigningKey.Algorithm != algorithm)
        {
            LogAlgorithmIgnored(logger, options.Algorithm, issuing.SigningKey.Algorithm.Name());
        }

        var directory = platformOptions.Value.DataDirectoryPath;
        WriteIfMissing(Path.Combine(directory, "root-ca.pem"), root.Pem);
        WriteIfMissing(Path.Combine(directory, "issuing-ca.pem"), issuing.Pem);
        WriteIfMissing(Path.Combine(directory, "ca-chain.pem"), issuing.Pem + root.Pem);
    }

    private async Task<CertificateAuthority> LoadOrCreateAsync(
        string name, CertificateAuthority? parent, KeyAlgorithm algorithm, string subject, int validityDays, CancellationToken cancellationToken)
    {
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
                Details = new Dictionary<string, string> { ["subject"] = subject, ["algorithm"] = algorithm.Name() },
            };
            if (await store.TryAddCaAsync(created, createdEvent, cancellationToken))
            {
                LogCreated(logger, name, subject, algorithm.Name());
            }

            // Another node may have won the race; whatever is stored now is the CA.
            record = await store.GetCaAsync(name, cancellationToken)
                ?? throw new InvalidOperationException($"The CA '{name}' could not be stored.");
        }

        if (parent is not null)
        {
            await RecordIssuedCaAsync(record, parent, cancellationToken);
        }

        var authority = new CertificateAuthority(name, new X509Certificate(record.Certificate), keys.Open(record.KeyId), record.Parent);
        registry.Add(authority);
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
        var publicKey = SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray());
        var now = time.GetUtcNow();
        var notAfter = now.AddDays(validityDays);
        if (parent is not null && notAfter > parent.Certificate.NotAfter)
        {
            notAfter = new DateTimeOffset(parent.Certificate.NotAfter, TimeSpan.Zero);
        }

        var subjectName = new X509Name(subject);
        var certificate = CertificateSigner.Sign(
            parent?.SigningKey ?? key,
            parent?.Certificate.SubjectDN ?? subjectName,
            subjectName,
            SerialNumbers.Next(),
            now.AddMinutes(-1),
            notAfter,
            publicKey,
            CertificateExtensions.ForCa(publicKey, parent, parent is null ? null : 0, urls));
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
        Message = "Pki:Hierarchy:Algorithm is {Configured} but the existing hierarchy uses {Existing}; the setting applies on first start only")]
    private static partial void LogAlgorithmIgnored(ILogger logger, string configured, string existing);
}
