using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Hosting;
using Platform.Keys;
using System.Collections.Concurrent;

namespace Pki.Ca.Ocsp;

/// <summary>
/// Issues and renews each CA's delegated OCSP responder certificate (RFC 6960 §4.2.2.2): signed
/// by the CA it answers for, extended key usage id-kp-OCSPSigning only, and id-pkix-ocsp-nocheck
/// since a responder certificate cannot usefully be checked by asking itself. Short-lived and
/// renewed when a third of its life remains.
/// </summary>
public sealed partial class OcspResponderCertificates(
    CaRegistry registry, ICaStore store, IKeyStore keys, IOptions<CaOptions> options, TimeProvider time,
    ILogger<OcspResponderCertificates> logger) : IStartupTask
{
    /// <summary>The CA setting <c>ocsp.responder.&lt;ca&gt;</c> holds "&lt;key id&gt; &lt;serial&gt;" of its current responder.</summary>
    internal const string SettingPrefix = "ocsp.responder.";

    private readonly ConcurrentDictionary<string, OcspSigner> signers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim renewal = new(1, 1);

    /// <summary>After the hierarchy (100) and the platform's own credentials (110).</summary>
    public int Order => 120;

    /// <summary>The current signer of <paramref name="caName"/>, or null if it has none.</summary>
    public OcspSigner? For(string caName) => signers.GetValueOrDefault(caName);

    /// <summary>Loads or issues a responder for every CA.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => RenewDueAsync(cancellationToken);

    /// <summary>Issues new responder certificates where none exists or a third of the validity remains.</summary>
    public async Task RenewDueAsync(CancellationToken cancellationToken)
    {
        await renewal.WaitAsync(cancellationToken);
        try
        {
            // A CA whose key is offline cannot sign a responder certificate here: OCSP answers "unauthorized" for it, its CRL answers instead.
            foreach (var ca in registry.All.Where(ca => !ca.IsOffline))
            {
                signers[ca.Name] = await LoadOrIssueAsync(ca, cancellationToken);
            }
        }
        finally
        {
            renewal.Release();
        }
    }

    private async Task<OcspSigner> LoadOrIssueAsync(CertificateAuthority ca, CancellationToken cancellationToken)
    {
        var setting = SettingPrefix + ca.Name;
        var days = options.Value.Ocsp.ResponderCertificateDays;
        var renewAt = time.GetUtcNow() + TimeSpan.FromDays(days / 3.0);
        if (await store.GetSettingAsync(setting, cancellationToken) is { } saved && saved.Split(' ') is [var keyId, var serial]
            && await store.GetCertificateAsync(serial, cancellationToken) is { } record
            && record.StatusAt(renewAt) == CertificateStatus.Valid)
        {
            return new OcspSigner(ca.Name, keys.Open(keyId), new X509Certificate(record.Certificate), serial);
        }

        var signer = await IssueAsync(ca, days, cancellationToken);
        await store.SetSettingAsync(setting, $"{signer.Key.Id} {signer.SerialNumber}", cancellationToken);
        LogIssued(logger, ca.Name, signer.SerialNumber);
        return signer;
    }

    private async Task<OcspSigner> IssueAsync(CertificateAuthority ca, int days, CancellationToken cancellationToken)
    {
        var key = keys.Create(ca.Algorithm, "ocsp-" + ca.Name.Replace('.', '-')); // a generation (issuing.2) as a key label: letters, digits and '-'
        var publicKey = SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray());
        var now = time.GetUtcNow();
        var notAfter = now.AddDays(days);
        if (notAfter > ca.Certificate.NotAfter)
        {
            notAfter = new DateTimeOffset(ca.Certificate.NotAfter, TimeSpan.Zero);
        }

        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        extensions.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage([KeyPurposeID.id_kp_OCSPSigning]));
        extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNocheck, false, DerNull.Instance);
        extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(CertificateSigner.KeyIdentifier(publicKey)));
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.SubjectKeyIdentifier));
        var serial = SerialNumbers.Next();
        var subject = new X509Name($"CN=OCSP Responder for {ca.Certificate.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? ca.Name},O=SecurityPlatform");
        var certificate = CertificateSigner.Sign(ca.SigningKey, ca.Certificate.SubjectDN, subject, serial,
            now.AddMinutes(-1), notAfter, publicKey, extensions.Generate());
        var record = new CertificateRecord
        {
            SerialNumber = SerialNumbers.ToHex(serial),
            CaName = ca.Name,
            Subject = subject.ToString(),
            Profile = "ocsp-responder",
            NotBefore = now.AddMinutes(-1),
            NotAfter = notAfter,
            Certificate = certificate.GetEncoded(),
            RequestedBy = "system",
            IssuedAt = now,
        };
        await store.AddCertificateAsync(record,
            IssuanceEvents.Issued(record, Platform.Cryptography.PublicKeys.Describe(publicKey).Description, Platform.Auditing.AuditActor.System), cancellationToken);
        return new OcspSigner(ca.Name, key, certificate, record.SerialNumber);
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Issued the OCSP responder certificate {Serial} for CA {Ca}")]
    private static partial void LogIssued(ILogger logger, string ca, string serial);
}
