using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// On start, loads the attribute authority's key and certificate, or creates the key and has the
/// platform's issuing CA certify it under the <c>attribute-authority</c> profile.
/// </summary>
internal sealed partial class AttributeAuthorityCredentials(
    ModuleSettings settings, IPlatformCertificateIssuer issuer, IKeyStore keys, IOptions<AttributeAuthorityOptions> options,
    ILogger<AttributeAuthorityCredentials> logger) : IStartupTask
{
    internal const string Setting = "attribute-authority";
    private (ISigningKey Key, X509Certificate Certificate, PlatformCertificate Issued)? current;

    /// <summary>After the CA's bootstrap (100) and the TSA (130).</summary>
    public int Order => 140;

    public ISigningKey Key => current?.Key ?? throw new InvalidOperationException("The attribute authority has not started.");

    public X509Certificate Certificate => current?.Certificate ?? throw new InvalidOperationException("The attribute authority has not started.");

    public PlatformCertificate Issued => current?.Issued ?? throw new InvalidOperationException("The attribute authority has not started.");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (key, certificate, issued) = await ModuleCredentials.LoadOrIssueAsync(
            new ModuleCredentialRequest(Setting, options.Value.KeyAlgorithm, $"{AttributeAuthorityOptions.Section}:KeyAlgorithm",
                "attribute-authority", "attribute-authority", options.Value.Subject),
            settings, keys, issuer, cancellationToken);
        if (issued)
        {
            LogIssued(logger, certificate.SerialNumber, key.Algorithm.Name());
        }

        current = (key, new X509Certificate(certificate.Certificate), certificate);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Issued the attribute authority certificate {Serial} ({Algorithm})")]
    private static partial void LogIssued(ILogger logger, string serial, string algorithm);
}
