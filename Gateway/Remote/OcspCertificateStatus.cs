using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Platform.Certificates;

namespace Gateway.Remote;

/// <summary>
/// The revocation state of the platform's certificates for a gateway without the CA in process:
/// asked of the platform's OCSP responder (RFC 6960, <c>POST pki/ocsp</c> over the gateway's
/// HTTPS connection to it, so an answer cannot be replayed on the way) when a certificate is first
/// relied on, then again for every certificate in use each
/// <see cref="PlatformConnectionOptions.StatusRefreshSeconds"/>, which bounds how long a revocation
/// there takes to count here. An answer must be signed by the certificate's CA or a responder it
/// certified for OCSP signing. An answer older than <see cref="FreshPeriods"/> refresh periods (the
/// responder not answering, or a certificate not used for a while and so no longer refreshed)
/// counts as no answer: the status is unknown until the responder is asked again, and a
/// certificate of unknown status is refused (fail closed).
/// </summary>
internal sealed partial class OcspCertificateStatus(PlatformConnection platform, TimeProvider time, ILogger<OcspCertificateStatus> logger)
    : BackgroundService, ICertificateStatusSource
{
    private const string OcspPath = "pki/ocsp";

    /// <summary>How many refresh periods an answer counts for.</summary>
    private const int FreshPeriods = 3;

    /// <summary>A certificate not relied on for this long is no longer refreshed; its next use asks again.</summary>
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Tracked> tracked = new(StringComparer.Ordinal);

    public event Action<IReadOnlyCollection<string>>? StatusChanged;

    private TimeSpan Freshness => TimeSpan.FromSeconds(FreshPeriods * platform.Options.StatusRefreshSeconds + platform.Options.TimeoutSeconds);

    public CertificateHolderStatus StatusOf(string serialNumber)
    {
        if (!tracked.TryGetValue(serialNumber, out var entry))
        {
            return CertificateHolderStatus.Unknown;
        }

        var now = time.GetUtcNow();
        entry.LastUsed = now;
        return entry.StatusAt(now, Freshness);
    }

    /// <summary>Asks again at once about those of these certificates already tracked; the others stay unknown (their issuer is not known here).</summary>
    public async Task TrackAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken = default)
    {
        foreach (var serial in serialNumbers)
        {
            if (tracked.TryGetValue(serial, out var entry) && entry.StatusAt(time.GetUtcNow(), Freshness) == CertificateHolderStatus.Unknown)
            {
                await RefreshAsync(entry, cancellationToken);
            }
        }
    }

    /// <summary>Tracks a certificate issued by <paramref name="issuer"/>, asking the responder now unless it is tracked already.</summary>
    public async Task<CertificateHolderStatus> TrackAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        // Serial numbers are the contract's key; the platform's are random, 16 bytes.
        var entry = tracked.GetOrAdd(certificate.SerialNumber.ToString(16), _ => new Tracked(certificate, issuer));
        entry.LastUsed = time.GetUtcNow();
        if (entry.StatusAt(time.GetUtcNow(), Freshness) == CertificateHolderStatus.Unknown)
        {
            await RefreshAsync(entry, cancellationToken);
        }

        return entry.StatusAt(time.GetUtcNow(), Freshness);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(platform.Options.StatusRefreshSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var changed = new List<string>();
                foreach (var (serial, entry) in tracked)
                {
                    var now = time.GetUtcNow();
                    var before = entry.StatusAt(now, Freshness);
                    if (before == CertificateHolderStatus.Expired)
                    {
                        // Nothing to learn of an expired certificate; it is refused by its dates alone.
                        tracked.TryRemove(serial, out _);
                        continue;
                    }

                    if (now - entry.LastUsed > IdleAfter)
                    {
                        continue;
                    }

                    await RefreshAsync(entry, stoppingToken);
                    if (entry.StatusAt(time.GetUtcNow(), Freshness) != before)
                    {
                        changed.Add(serial);
                    }
                }

                if (changed.Count > 0)
                {
                    StatusChanged?.Invoke(changed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(Tracked entry, CancellationToken cancellationToken)
    {
        try
        {
            var id = new CertificateID(CertificateID.DigestSha1, entry.Issuer, entry.Certificate.SerialNumber);
            var request = new OcspReqGenerator();
            request.AddRequest(id);
            using var content = new ByteArrayContent(request.Generate().GetEncoded());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            using var response = await platform.Client.PostAsync(OcspPath, content, cancellationToken);
            response.EnsureSuccessStatusCode();
            entry.Answer = Read(await response.Content.ReadAsByteArrayAsync(cancellationToken), id, entry.Issuer, time.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OcspException or IOException or ArgumentException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            // The last answer stands while fresh (Tracked.StatusAt); asked again at the next refresh.
            LogUnanswered(logger, entry.Certificate.SerialNumber.ToString(16), e.Message);
        }
    }

    /// <summary>The one answer about <paramref name="id"/> in a response, once its signature and times check.</summary>
    private static Answer Read(byte[] der, CertificateID id, X509Certificate issuer, DateTimeOffset now)
    {
        var response = new OcspResp(der);
        if (response.Status != OcspRespStatus.Successful || response.GetResponseObject() is not BasicOcspResp basic)
        {
            throw new InvalidOperationException($"the responder answered status {response.Status}.");
        }

        if (!SignedByIssuerOrItsResponder(basic, issuer, now))
        {
            throw new InvalidOperationException("the answer is not signed by the certificate's CA or a responder it certified.");
        }

        var single = basic.Responses.FirstOrDefault(r => r.GetCertID().Equals(id))
            ?? throw new InvalidOperationException("the answer does not name the certificate asked about.");
        var thisUpdate = new DateTimeOffset(DateTime.SpecifyKind(single.ThisUpdate, DateTimeKind.Utc));
        var nextUpdate = single.NextUpdate is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : now + ClockSkew;
        if (thisUpdate > now + ClockSkew || nextUpdate < now)
        {
            throw new InvalidOperationException("the answer is not current.");
        }

        var status = single.GetCertStatus() switch
        {
            null => CertificateHolderStatus.Good,
            RevokedStatus { HasRevocationReason: true, RevocationReason: CrlReason.CertificateHold } => CertificateHolderStatus.OnHold,
            RevokedStatus => CertificateHolderStatus.Revoked,
            _ => CertificateHolderStatus.Unknown,
        };
        return new Answer(status, nextUpdate, now);
    }

    private static bool SignedByIssuerOrItsResponder(BasicOcspResp basic, X509Certificate issuer, DateTimeOffset now)
    {
        if (basic.Verify(issuer.GetPublicKey()))
        {
            return true;
        }

        // RFC 6960 §4.2.2.2: a delegated responder, certified by the same CA for OCSP signing.
        return basic.GetCerts().Any(responder =>
            responder.IssuerDN.Equivalent(issuer.SubjectDN)
            && SignatureVerifier.SignedCertificate(issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), responder)
            && responder.IsValid(now.UtcDateTime)
            && responder.GetExtendedKeyUsage()?.Contains(KeyPurposeID.id_kp_OCSPSigning) == true
            && basic.Verify(responder.GetPublicKey()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OCSP responder of the platform could not be asked about certificate {Serial}: {Reason}")]
    private static partial void LogUnanswered(ILogger logger, string serial, string reason);

    private sealed record Answer(CertificateHolderStatus Status, DateTimeOffset NextUpdate, DateTimeOffset Received);

    private sealed class Tracked(X509Certificate certificate, X509Certificate issuer)
    {
        public X509Certificate Certificate { get; } = certificate;

        public X509Certificate Issuer { get; } = issuer;

        private volatile Answer? answer;
        private long lastUsedTicks;

        public Answer? Answer { get => answer; set => answer = value; }

        public DateTimeOffset LastUsed
        {
            get => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref lastUsedTicks, value.UtcTicks);
        }

        public CertificateHolderStatus StatusAt(DateTimeOffset now, TimeSpan freshness) =>
            now.UtcDateTime > Certificate.NotAfter ? CertificateHolderStatus.Expired
            : Answer is { } answer && answer.NextUpdate >= now && now - answer.Received <= freshness ? answer.Status
            : CertificateHolderStatus.Unknown;
    }
}
