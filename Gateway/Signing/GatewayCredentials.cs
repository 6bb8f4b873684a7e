using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;

namespace Gateway.Signing;

/// <summary>
/// The gateway's signing keys (<see cref="GatewayKeyRing"/>): ECDSA P-256 keys in the platform's
/// key store (software or HSM), each certified by the issuing CA under the <c>gateway</c> profile.
/// On start and at every check (<see cref="GatewayKeyRenewal"/>) it reads the stored ring and adds
/// a key when one is due: the first at the first start; the next one
/// <see cref="GatewaySigningOptions.RenewDaysBeforeExpiry"/> days before the current certificate
/// expires, published ahead of signing; and one that signs at once when the current certificate is
/// revoked or expired. A key with a certificate that is no longer current is never published.
/// </summary>
internal sealed partial class GatewayCredentials(
    ModuleSettings settings, IPlatformCertificateIssuer issuer, IKeyStore keys, IOptions<GatewaySigningOptions> options,
    TimeProvider time, ILogger<GatewayCredentials> logger) : IGatewaySigningKeys, IStartupTask
{
    private const string KeyLabel = "gateway";
    private const string Profile = "gateway";
    private const string Subject = "CN=SecurityPlatform Gateway";
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Dictionary<string, ISigningKey> opened = [];
    private volatile Snapshot? snapshot;

    /// <summary>After the CA's bootstrap (100), the TSA (130) and the attribute authority (140).</summary>
    public int Order => 150;

    /// <summary>The serial numbers of every key's certificate in the ring, for revocation tracking.</summary>
    public IReadOnlyCollection<string> SerialNumbers => Loaded.Ring.Keys.Select(k => k.SerialNumber).ToList();

    private Snapshot Loaded => snapshot ?? throw new InvalidOperationException("The gateway has not started.");

    public Task RunAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    /// <summary>The key that signs at <paramref name="now"/> and its <c>keyid</c> (the certificate's serial).</summary>
    public (ISigningKey Key, string KeyId) SignerAt(DateTimeOffset now)
    {
        var loaded = Loaded;
        var current = loaded.Ring.Current(now)!;
        return (loaded.Keys[current.KeyId], current.SerialNumber);
    }

    /// <summary>The certificates of the keys published at <paramref name="now"/>: the signing one first, then the next, then retired ones.</summary>
    public IReadOnlyList<PlatformCertificate> PublishedAt(DateTimeOffset now)
    {
        var loaded = Loaded;
        return [.. loaded.Ring.Published(now).Where(k => loaded.Certificates.ContainsKey(k.SerialNumber)).Select(k => loaded.Certificates[k.SerialNumber])];
    }

    /// <summary>When the signer or the published keys next change by the clock alone, if they do.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now) => snapshot?.Ring.NextChange(now);

    /// <summary>Reads the stored ring, adds the key that is due if one is, and makes the result the ring in force.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            // At most one key a call, whatever the settings: a key that would be due again at once
            // (a renewal window longer than the CA's validity) waits for the next check.
            var added = false;
            while (true)
            {
                var stored = await settings.GetAsync(GatewayKeyRing.Setting, cancellationToken);
                var ring = stored is null ? GatewayKeyRing.Empty : GatewayKeyRing.FromJson(stored);
                var now = time.GetUtcNow();
                var certificates = await CurrentCertificatesAsync(ring, now, cancellationToken);
                if (added || Due(ring, certificates, now) is not { } activates)
                {
                    snapshot = new Snapshot(ring, certificates, Open(ring, now));
                    return;
                }

                var key = await IssueAsync(activates, cancellationToken);
                // Another node may have added a key meanwhile: then read again and decide anew (the
                // key made here stays unused in the store) rather than overwrite what it wrote.
                if (await settings.TryReplaceAsync(GatewayKeyRing.Setting, stored, ring.With(key).ToJson(), cancellationToken))
                {
                    added = true;
                    LogIssued(logger, key.SerialNumber, key.Activates);
                }
            }
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>When a new key is due: the time it starts to sign; null when none is.</summary>
    private DateTimeOffset? Due(GatewayKeyRing ring, IReadOnlyDictionary<string, PlatformCertificate> certificates, DateTimeOffset now)
    {
        var current = ring.Current(now);
        if (current is null || !certificates.ContainsKey(current.SerialNumber))
        {
            return now;
        }

        var renewBefore = TimeSpan.FromDays(options.Value.RenewDaysBeforeExpiry);
        return ring.Next(now) is null && current.NotAfter - now <= renewBefore ? now + TimeSpan.FromMinutes(options.Value.PublishAheadMinutes) : null;
    }

    private async Task<IReadOnlyDictionary<string, PlatformCertificate>> CurrentCertificatesAsync(GatewayKeyRing ring, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, PlatformCertificate>(StringComparer.Ordinal);
        foreach (var key in ring.Keys.Where(k => ring.StatusOf(k, now) != GatewayKeyStatus.Dropped))
        {
            if (await issuer.FindCurrentAsync(key.SerialNumber, cancellationToken) is { } certificate)
            {
                current[key.SerialNumber] = certificate;
            }
        }

        return current;
    }

    private async Task<GatewaySigningKey> IssueAsync(DateTimeOffset activates, CancellationToken cancellationToken)
    {
        var key = keys.Create(KeyAlgorithm.EcdsaP256, KeyLabel);
        var certificate = await issuer.IssueAsync(Profile, Subject, key.SubjectPublicKeyInfo, cancellationToken);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Certificate);
        return new GatewaySigningKey(key.Id, certificate.SerialNumber, new DateTimeOffset(x509.NotAfter.ToUniversalTime()), activates);
    }

    /// <summary>The keys that sign now or will by the clock alone (current and next), opened once each.</summary>
    private Dictionary<string, ISigningKey> Open(GatewayKeyRing ring, DateTimeOffset now)
    {
        var signing = new Dictionary<string, ISigningKey>(StringComparer.Ordinal);
        foreach (var key in ring.Keys.Where(k => ring.StatusOf(k, now) is GatewayKeyStatus.Current or GatewayKeyStatus.Next))
        {
            if (!opened.TryGetValue(key.KeyId, out var handle))
            {
                opened[key.KeyId] = handle = keys.Open(key.KeyId);
            }

            signing[key.KeyId] = handle;
        }

        return signing;
    }

    private sealed record Snapshot(GatewayKeyRing Ring, IReadOnlyDictionary<string, PlatformCertificate> Certificates, IReadOnlyDictionary<string, ISigningKey> Keys);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Issued the gateway signing certificate {Serial} (ECDSA P-256), signing from {Activates:u}")]
    private static partial void LogIssued(ILogger logger, string serial, DateTimeOffset activates);
}
