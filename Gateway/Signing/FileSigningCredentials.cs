using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Remote;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Hosting;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Gateway.Signing;

/// <summary>
/// The signing key of a gateway without the CA in process: a P-256 key and its certificate of the
/// platform's <c>gateway</c> profile, from <see cref="GatewaySigningOptions.CertificateFile"/> and
/// <see cref="GatewaySigningOptions.KeyFile"/>, which the operator renews with the platform's CA.
/// The files are read at start (a missing, mismatched or foreign pair stops the start) and again
/// when they change, checked every <see cref="GatewaySigningOptions.CheckSeconds"/>; a pair that
/// no longer reads keeps the one in force. The certificate's status comes from the platform's OCSP
/// responder: a revoked or held certificate is no longer published, so upstreams refuse what it signs.
/// </summary>
internal sealed partial class FileSigningCredentials(
    IOptions<GatewaySigningOptions> options, PlatformConnection platform, OcspCertificateStatus statuses, TimeProvider time,
    ILogger<FileSigningCredentials> logger) : BackgroundService, IGatewaySigningKeys, IStartupTask
{
    private volatile Loaded? loaded;

    /// <summary>Where the in-process key ring would be (150): the order does not matter without the CA.</summary>
    public int Order => 150;

    private Loaded Current => loaded ?? throw new InvalidOperationException("The gateway has not started.");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.CertificateFile is null || settings.KeyFile is null)
        {
            throw new InvalidOperationException(
                "The gateway runs without the platform's CA in this process: set Gateway:Signing:CertificateFile and Gateway:Signing:KeyFile to its signing certificate (profile 'gateway') and key.");
        }

        loaded = Read(settings.CertificateFile, settings.KeyFile);
        await statuses.TrackAsync(loaded.Leaf, loaded.Issuer, cancellationToken);
    }

    public (ISigningKey Key, string KeyId) SignerAt(DateTimeOffset now) => (Current.Key, Current.Certificate.SerialNumber);

    public IReadOnlyList<PlatformCertificate> PublishedAt(DateTimeOffset now) =>
        statuses.StatusOf(Current.Certificate.SerialNumber) == CertificateHolderStatus.Good ? [Current.Certificate] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var settings = options.Value;
                var current = Current;
                // Keeps the certificate among those the OCSP status refreshes, whether or not anyone fetched the keys lately.
                await statuses.TrackAsync(current.Leaf, current.Issuer, stoppingToken);
                if (File.GetLastWriteTimeUtc(settings.CertificateFile!) == current.CertificateWritten && File.GetLastWriteTimeUtc(settings.KeyFile!) == current.KeyWritten)
                {
                    continue;
                }

                try
                {
                    var renewed = Read(settings.CertificateFile!, settings.KeyFile!);
                    await statuses.TrackAsync(renewed.Leaf, renewed.Issuer, stoppingToken);
                    loaded = renewed;
                    LogRenewed(logger, renewed.Certificate.SerialNumber);
                }
                catch (Exception e) when (e is IOException or CryptographicException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
                {
                    LogUnreadable(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Loaded Read(string certificateFile, string keyFile)
    {
        var certificateWritten = File.GetLastWriteTimeUtc(certificateFile);
        var keyWritten = File.GetLastWriteTimeUtc(keyFile);
        var pem = new X509Certificate2Collection();
        pem.ImportFromPemFile(certificateFile);
        if (pem.Count == 0)
        {
            throw new InvalidOperationException($"{certificateFile} holds no certificate.");
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(keyFile));
        using var certificateKey = pem[0].GetECDsaPublicKey();
        if (ecdsa.KeySize != 256 || certificateKey is null
            || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(ecdsa.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException($"{keyFile} is not the ECDSA P-256 key of the certificate in {certificateFile}.");
        }

        var leaf = new BcCertificate(pem[0].RawData);
        var chain = IssuersOf(leaf);
        var key = SoftwareKeys.Load("gateway-" + leaf.SerialNumber.ToString(16), KeyAlgorithm.EcdsaP256, ecdsa.ExportPkcs8PrivateKey());
        var certificate = new PlatformCertificate(leaf.SerialNumber.ToString(16), pem[0].RawData, [.. chain.Select(c => c.GetEncoded())]);
        foreach (var read in pem)
        {
            read.Dispose();
        }

        return new Loaded(certificate, leaf, chain[0], key, certificateWritten, keyWritten);
    }

    /// <summary>The platform's CAs above <paramref name="leaf"/>, issuing CA first, by name and signature.</summary>
    private List<BcCertificate> IssuersOf(BcCertificate leaf)
    {
        var authorities = platform.CaCertificates.Select(c => new BcCertificate(c.RawData)).ToList();
        var chain = new List<BcCertificate>();
        for (var current = leaf; chain.Count < 8;)
        {
            var issuer = authorities.FirstOrDefault(ca => ca.SubjectDN.Equivalent(current.IssuerDN) && SignatureVerifier.SignedCertificate(ca.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), current));
            if (issuer is null)
            {
                break;
            }

            chain.Add(issuer);
            if (issuer.SubjectDN.Equivalent(issuer.IssuerDN))
            {
                return chain;
            }

            current = issuer;
        }

        throw new InvalidOperationException("The gateway's signing certificate does not chain to the platform's CAs in Gateway:Platform:TrustedCaFile.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway now signs with the key of certificate {Serial}, read from its files.")]
    private static partial void LogRenewed(ILogger logger, string serial);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gateway's signing files changed but do not read ({Reason}); it keeps signing with the key in force.")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    private sealed record Loaded(PlatformCertificate Certificate, BcCertificate Leaf, BcCertificate Issuer, ISigningKey Key, DateTime CertificateWritten, DateTime KeyWritten);
}
