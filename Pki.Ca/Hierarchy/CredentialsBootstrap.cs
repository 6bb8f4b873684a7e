using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Hosting;
using Platform.Keys;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// Issues the platform's own certificates after the hierarchy exists: the bootstrap
/// administrator's client certificate (once, written to <c>admin.pem</c>/<c>admin.key</c>) and
/// the HTTPS server certificate (reused while its names match, its CA is still the transport
/// CA, and it is not near expiry). Both come from the transport CA, whose chain TLS stacks verify.
/// </summary>
internal sealed partial class CredentialsBootstrap(
    IOptions<PlatformOptions> platformOptions,
    ICaStore store,
    // The HTTPS key is always a software key: SslStream signs the handshake with an in-process
    // ECDsa or RSA object, which a PKCS#11 key is not (docs/keys.md).
    [FromKeyedServices(KeyStores.Transport)] IKeyStore keys,
    CertificateIssuer issuer,
    CaRegistry registry,
    ServerCertificateSource serverCertificate,
    TimeProvider time,
    ILogger<CredentialsBootstrap> logger) : IStartupTask
{
    internal const string AdministratorSetting = "bootstrap.administrator";
    internal const string ServerSetting = "tls.server";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public int Order => 110;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await EnsureAdministratorAsync(cancellationToken);
        serverCertificate.Current = await EnsureServerCertificateAsync(cancellationToken);
        serverCertificate.Chain.Clear();
        foreach (var ca in registry.Chain(registry.TransportIssuing))
        {
            serverCertificate.Chain.Add(X509CertificateLoader.LoadCertificate(ca.Der));
        }
    }

    private async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        if (await store.GetSettingAsync(AdministratorSetting, cancellationToken) is not null)
        {
            return;
        }

        var directory = platformOptions.Value.DataDirectoryPath;
        var certificatePath = Path.Combine(directory, "admin.pem");
        var keyPath = Path.Combine(directory, "admin.key");
        if (File.Exists(certificatePath) || File.Exists(keyPath))
        {
            LogAdministratorFilesExist(logger, certificatePath);
            return;
        }

        // The administrator's key is TLS client key, so it is ECDSA P-256 whatever the hierarchy
        // uses: every TLS stack can prove possession of it.
        var pkcs8 = SoftwareKeys.Generate(KeyAlgorithm.EcdsaP256);
        using var key = SoftwareKeys.Load("administrator", KeyAlgorithm.EcdsaP256, pkcs8);
        var issued = await issuer.IssueForKeyAsync("administrator",
            new X509Name("CN=Bootstrap Administrator,O=SecurityPlatform"),
            SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), [], cancellationToken);
        SecureFile.WriteNew(keyPath, System.Text.Encoding.ASCII.GetBytes(PemText.PrivateKey(pkcs8)));
        SecureFile.WriteNew(certificatePath, System.Text.Encoding.ASCII.GetBytes(issued.Pem));
        CryptographicOperations.ZeroMemory(pkcs8);
        await store.SetSettingAsync(AdministratorSetting, issued.Record.SerialNumber, cancellationToken);
        LogAdministratorIssued(logger, issued.Record.SerialNumber, certificatePath);
    }

    private async Task<X509Certificate2> EnsureServerCertificateAsync(CancellationToken cancellationToken)
    {
        var names = ServerNames();
        var saved = await store.GetSettingAsync(ServerSetting, cancellationToken);
        if (saved?.Split(' ') is [var keyId, var serial]
            && await store.GetCertificateAsync(serial, cancellationToken) is { } record
            && record.StatusAt(time.GetUtcNow() + RenewBefore) == CertificateStatus.Valid
            && record.CaName == registry.TransportIssuing.Name
            && string.Join(",", DnsAndIpNames(record.Certificate)) == string.Join(",", names.Select(n => n.Text)))
        {
            return WithKey(record.Certificate, keys.Open(keyId));
        }

        var key = keys.Create(KeyAlgorithm.EcdsaP256, "tls-server");
        var issued = await issuer.IssueForKeyAsync("tls-server", new X509Name("CN=" + names[0].Text),
            SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), [.. names.Select(n => n.Name)], cancellationToken,
            registry.TransportIssuing);
        await store.SetSettingAsync(ServerSetting, $"{key.Id} {issued.Record.SerialNumber}", cancellationToken);
        LogServerIssued(logger, issued.Record.SerialNumber, string.Join(", ", names.Select(n => n.Text)));
        return WithKey(issued.Record.Certificate, key);
    }

    /// <summary>localhost, 127.0.0.1 and the public base URL's host, in that order, without repeats.</summary>
    private List<(string Text, GeneralName Name)> ServerNames()
    {
        var hosts = new List<string> { "localhost", "127.0.0.1" };
        if (Uri.TryCreate(platformOptions.Value.PublicBaseUrl, UriKind.Absolute, out var url) && !hosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
        {
            hosts.Add(url.Host.Trim('[', ']'));
        }

        return [.. hosts.Select(h => (h, IPAddress.TryParse(h, out var ip)
            ? new GeneralName(GeneralName.IPAddress, new DerOctetString(ip.GetAddressBytes()))
            : new GeneralName(GeneralName.DnsName, h)))];
    }

    private static IEnumerable<string> DnsAndIpNames(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return san is null ? [] : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString()))
            .OrderBy(n => n == "localhost" ? 0 : n == "127.0.0.1" ? 1 : 2).ToList();
    }

    private static X509Certificate2 WithKey(byte[] der, ISigningKey key)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return ((IExportableToTls)key).AsymmetricAlgorithm switch
        {
            ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException("The HTTPS key must be RSA or ECDSA."),
        };
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Issued the bootstrap administrator certificate {Serial}, written to {File}")]
    private static partial void LogAdministratorIssued(ILogger logger, string serial, string file);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Administrator files exist at {File} but the repository has no bootstrap administrator; leaving them alone")]
    private static partial void LogAdministratorFilesExist(ILogger logger, string file);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Issued the HTTPS server certificate {Serial} for {Names}")]
    private static partial void LogServerIssued(ILogger logger, string serial, string names);
}
