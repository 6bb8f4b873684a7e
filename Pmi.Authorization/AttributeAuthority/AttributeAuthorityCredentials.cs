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
    private const string Setting = "attribute-authority";
    private (ISigningKey Key, X509Certificate Certificate, PlatformCertificate Issued)? current;

    /// <summary>After the CA's bootstrap (100) and the TSA (130).</summary>
    public int Order => 140;

    public ISigningKey Key => current?.Key ?? throw new InvalidOperationException("The attribute authority has not started.");

    public X509Certificate Certificate => current?.Certificate ?? throw new InvalidOperationException("The attribute authority has not started.");

    public PlatformCertificate Issued => current?.Issued ?? throw new InvalidOperationException("The attribute authority has not started.");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        PlatformCertificate? certificate = null;
        ISigningKey? key = null;
        if (await settings.GetAsync(Setting, cancellationToken) is { } saved && saved.Split(' ') is [var keyId, var serial])
        {
            certificate = await issuer.FindCurrentAsync(serial, cancellationToken);
            key = certificate is null ? null : keys.Open(keyId);
        }

        if (certificate is null || key is null)
        {
            if (!KeyAlgorithmNames.TryParse(options.Value.KeyAlgorithm, out var algorithm))
            {
                throw new InvalidOperationException($"{AttributeAuthorityOptions.Section}:KeyAlgorithm '{options.Value.KeyAlgorithm}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
            }

            key = keys.Create(algorithm, "attribute-authority");
            certificate = await issuer.IssueAsync("attribute-authority", options.Value.Subject, key.SubjectPublicKeyInfo, cancellationToken);
            await settings.SetAsync(Setting, $"{key.Id} {certificate.SerialNumber}", cancellationToken);
            LogIssued(logger, certificate.SerialNumber, algorithm.Name());
        }

        current = (key, new X509Certificate(certificate.Certificate), certificate);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Issued the attribute authority certificate {Serial} ({Algorithm})")]
    private static partial void LogIssued(ILogger logger, string serial, string algorithm);
}
