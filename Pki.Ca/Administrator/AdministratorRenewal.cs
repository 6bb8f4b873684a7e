using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Hosting;
using Platform.Keys;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pki.Ca.Administrator;

/// <summary>
/// Renews the administrator certificate. The new pair is written under its own serial first,
/// then the old pair is moved aside, then the new pair takes the usual names: a crash at any step
/// leaves both pairs on disk, and nothing is overwritten.
/// </summary>
internal sealed partial class AdministratorRenewal(
    IOptions<PlatformOptions> platformOptions, ICaStore store, CertificateIssuer issuer, ILogger<AdministratorRenewal> logger) : IAdministratorRenewal
{
    /// <summary>The subject of the bootstrap administrator, kept on renewal so the same person is recognised.</summary>
    internal const string Subject = "CN=Bootstrap Administrator,O=SecurityPlatform";

    public async Task<AdministratorRenewalResult> RenewAsync(CancellationToken cancellationToken = default)
    {
        var directory = platformOptions.Value.DataDirectoryPath;
        var certificatePath = Path.Combine(directory, "admin.pem");
        var keyPath = Path.Combine(directory, "admin.key");

        // A TLS client key every stack can use, whatever the hierarchy's algorithm (as at bootstrap).
        var pkcs8 = SoftwareKeys.Generate(KeyAlgorithm.EcdsaP256);
        try
        {
            using var key = SoftwareKeys.Load("administrator", KeyAlgorithm.EcdsaP256, pkcs8);
            var issued = await issuer.IssueForKeyAsync("administrator", new X509Name(Subject),
                SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), [], cancellationToken);
            var serial = issued.Record.SerialNumber;
            var newCertificate = Path.Combine(directory, $"admin-{serial}.pem");
            var newKey = Path.Combine(directory, $"admin-{serial}.key");
            SecureFile.WriteNew(newKey, Encoding.ASCII.GetBytes(PemText.PrivateKey(pkcs8)));
            SecureFile.WriteNew(newCertificate, Encoding.ASCII.GetBytes(issued.Pem));

            string? previousSerial = null, previousCertificate = null;
            if (File.Exists(certificatePath))
            {
                previousSerial = SerialOf(certificatePath) ?? File.GetLastWriteTimeUtc(certificatePath).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
                previousCertificate = Path.Combine(directory, $"admin-{previousSerial}.pem");
                File.Move(certificatePath, previousCertificate, overwrite: false);
            }

            if (File.Exists(keyPath))
            {
                File.Move(keyPath, Path.Combine(directory, $"admin-{previousSerial ?? serial + "-previous"}.key"), overwrite: false);
            }

            File.Move(newKey, keyPath, overwrite: false);
            File.Move(newCertificate, certificatePath, overwrite: false);
            await store.SetSettingAsync(CredentialsBootstrap.AdministratorSetting, serial, cancellationToken);
            LogRenewed(logger, serial, certificatePath, previousSerial ?? "none");
            return new AdministratorRenewalResult(serial, issued.Record.NotAfter, certificatePath, keyPath, previousSerial, previousCertificate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static string? SerialOf(string path)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return SerialNumbers.TryNormalize(certificate.SerialNumber, out var serial) ? serial : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning,
        Message = "Renewed the administrator certificate: {Serial} written to {File}; the previous one ({Previous}) was moved aside and stays valid until it expires or is revoked")]
    private static partial void LogRenewed(ILogger logger, string serial, string file, string previous);
}
