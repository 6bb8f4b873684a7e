using Microsoft.Extensions.DependencyInjection;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Keys;
using Platform.Storage;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Audit.Export;

/// <summary>
/// The certificate the exporter presents for mutual TLS, if any: a PEM pair from files, or one the
/// platform's own CA issues it under the <c>tls-client</c> profile (a key in the platform's key
/// store, remembered in the audit settings and reissued when no longer current).
/// </summary>
internal static class SyslogClientCredential
{
    internal const string Setting = "syslog-client-credential";
    internal const string Subject = "CN=SecurityPlatform Audit Export";

    /// <summary>The client certificate context, or null for none.</summary>
    public static async Task<SslStreamCertificateContext?> LoadAsync(
        SyslogOptions settings, IModuleDatabase database, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (settings.ClientCertificateFile is not null)
        {
            var certificate = X509Certificate2.CreateFromPemFile(settings.ClientCertificateFile, settings.ClientKeyFile);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(settings.ClientCertificateFile);
            return SslStreamCertificateContext.Create(certificate, [.. all.Skip(1)], offline: true);
        }

        if (!settings.PlatformClientCertificate)
        {
            return null;
        }

        var issuer = services.GetService<IPlatformCertificateIssuer>()
            ?? throw new InvalidOperationException("Audit:Syslog:PlatformClientCertificate needs the platform's CA in this process; give a PEM pair instead.");
        var request = new ModuleCredentialRequest(Setting, "ECDSA-P256", "Audit:Syslog", "audit-syslog-client", "tls-client", Subject);
        var (key, issued, _) = await ModuleCredentials.LoadOrIssueAsync(
            request, new ModuleSettings(database), services.GetRequiredService<IKeyStore>(), issuer, cancellationToken);
        using var bare = X509CertificateLoader.LoadCertificate(issued.Certificate);
        var withKey = key is IExportableToTls { AsymmetricAlgorithm: ECDsa ecdsa }
            ? bare.CopyWithPrivateKey(ecdsa)
            : throw new InvalidOperationException("The key store's syslog client key cannot be used by TLS here; give a PEM pair instead.");
        X509Certificate2[] chain = [.. issued.Chain.Select(X509CertificateLoader.LoadCertificate)];
        return SslStreamCertificateContext.Create(withKey, [.. chain], offline: true);
    }
}
