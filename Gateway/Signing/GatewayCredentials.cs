using Microsoft.Extensions.Logging;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;

namespace Gateway.Signing;

/// <summary>
/// On start, loads the gateway's signing key and certificate, or creates an ECDSA P-256 key in the
/// platform's key store (software or HSM) and has the issuing CA certify it under the
/// <c>gateway</c> profile. Upstreams verify the identity the gateway signs with its public key.
/// </summary>
internal sealed partial class GatewayCredentials(ModuleSettings settings, IPlatformCertificateIssuer issuer, IKeyStore keys, ILogger<GatewayCredentials> logger)
    : IStartupTask
{
    internal const string Setting = "gateway-signing";
    private (ISigningKey Key, PlatformCertificate Certificate)? current;

    /// <summary>After the CA's bootstrap (100), the TSA (130) and the attribute authority (140).</summary>
    public int Order => 150;

    public ISigningKey Key => current?.Key ?? throw new InvalidOperationException("The gateway has not started.");

    public PlatformCertificate Certificate => current?.Certificate ?? throw new InvalidOperationException("The gateway has not started.");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (key, certificate, issued) = await ModuleCredentials.LoadOrIssueAsync(
            new ModuleCredentialRequest(Setting, "ECDSA-P256", "the gateway's signing key", "gateway", "gateway", "CN=SecurityPlatform Gateway"),
            settings, keys, issuer, cancellationToken);
        if (issued)
        {
            LogIssued(logger, certificate.SerialNumber);
        }

        current = (key, certificate);
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Issued the gateway signing certificate {Serial} (ECDSA P-256)")]
    private static partial void LogIssued(ILogger logger, string serial);
}
