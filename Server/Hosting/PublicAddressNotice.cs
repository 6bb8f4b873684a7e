using Audit;
using Audit.Publishing;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using System.Net;

namespace Server.Hosting;

/// <summary>
/// Says in the log, at every start and so at the first, which base URL goes into certificates
/// (OCSP, CRL and CA-certificate URLs) and which origin the audit log signs, and warns in plain
/// words when that URL is loopback: certificates issued now would send remote relying parties to
/// an address they cannot reach, and the audit origin is fixed at the log's first start.
/// </summary>
internal sealed partial class PublicAddressNotice(
    IOptions<PlatformOptions> platform, IOptions<AuditOptions> audit, ICheckpointPublisher checkpoints, ILogger<PublicAddressNotice> logger) : IStartupTask
{
    // After the audit log (10) has fixed its origin, before the CA (100) issues anything.
    public int Order => 20;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var baseUrl = platform.Value.PublicBaseUrl ?? "";
        var origin = checkpoints.Origin;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || IsLoopback(url))
        {
            LogLoopback(logger, baseUrl, origin);
        }
        else
        {
            LogPublic(logger, baseUrl, origin);
        }

        // The origin the configuration asks for today: Audit:Origin, else the one the base URL gives.
        var wanted = audit.Value.Origin ?? (url is null ? null : url.Authority + "/audit");
        if (wanted is not null && origin != wanted)
        {
            LogOriginKept(logger, origin, baseUrl);
        }

        return Task.CompletedTask;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning,
        Message = "Platform:PublicBaseUrl is {BaseUrl}, a loopback address. Every certificate this platform issues names its OCSP responder, " +
            "CRLs and CA certificates under it, and the audit log's origin is {Origin}: relying parties on other machines cannot reach them. " +
            "Set the address they use, before the first start if you can: --Platform:PublicBaseUrl http://pki.example.gov " +
            "(or Platform__PublicBaseUrl, or appsettings.json). Changing it later applies to certificates issued from then on; the audit origin stays.")]
    private static partial void LogLoopback(ILogger logger, string baseUrl, string origin);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "Certificates name their OCSP responder, CRLs and CA certificates under {BaseUrl} (Platform:PublicBaseUrl); the audit log's origin is {Origin}")]
    private static partial void LogPublic(ILogger logger, string baseUrl, string origin);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning,
        Message = "The audit log's origin stays {Origin}, fixed at its first start: it is signed into every checkpoint, so Platform:PublicBaseUrl {BaseUrl} does not change it")]
    private static partial void LogOriginKept(ILogger logger, string origin, string baseUrl);
}
