using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;

namespace Pki.Tsa.Authority;

/// <summary>
/// On start, loads the TSA's key and certificate, or creates the key and has the platform's
/// issuing CA certify it under the <c>time-stamping</c> profile. A certificate that is not fit
/// for time-stamping stops the platform from starting: the TSA refuses to run with it.
/// </summary>
internal sealed partial class TsaCredentials(
    ModuleSettings store, IPlatformCertificateIssuer issuer, IKeyStore keys, IOptions<TsaOptions> options, ILogger<TsaCredentials> logger) : IStartupTask
{
    internal const string Setting = "signer";
    private TsaSigner? current;

    /// <summary>After the CA's bootstrap and its own credentials.</summary>
    public int Order => 130;

    /// <summary>The signer; throws before start-up has run.</summary>
    public TsaSigner Current => current ?? throw new InvalidOperationException("The TSA has not started.");

    /// <summary>Loads or issues the TSA credentials and checks them.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (key, certificate, issued) = await ModuleCredentials.LoadOrIssueAsync(
            new ModuleCredentialRequest(Setting, settings.KeyAlgorithm, "Tsa:KeyAlgorithm", "tsa", "time-stamping", settings.Subject),
            store, keys, issuer, cancellationToken);
        if (issued)
        {
            LogIssued(logger, certificate.SerialNumber, key.Algorithm.Name());
        }

        current = Check(key, certificate);
        if (options.Value.DefaultPolicy == TsaOptions.PlatformPolicy)
        {
            LogDocumentationPolicy(logger, TsaOptions.PlatformPolicy);
        }
    }

    /// <summary>Builds a signer, refusing a certificate not fit for time-stamping.</summary>
    public static TsaSigner Check(ISigningKey key, PlatformCertificate certificate)
    {
        var parsed = new X509Certificate(certificate.Certificate);
        if (TsaCertificateCheck.Problem(parsed, key.SubjectPublicKeyInfo.Span) is { } problem)
        {
            throw new InvalidOperationException($"The TSA certificate {certificate.SerialNumber} cannot be used: {problem}. The TSA refuses to run.");
        }

        return new TsaSigner(key, parsed, [.. certificate.Chain.Select(der => new X509Certificate(der))]);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Tokens name the policy {Policy}, under the enterprise number reserved for documentation; set Tsa:DefaultPolicy to your own published TSA policy's OID")]
    private static partial void LogDocumentationPolicy(ILogger logger, string policy);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Issued the TSA certificate {Serial} ({Algorithm})")]
    private static partial void LogIssued(ILogger logger, string serial, string algorithm);
}
