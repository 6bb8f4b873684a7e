using Microsoft.Extensions.Logging;

namespace Audit.Export;

internal sealed partial class SyslogExporter
{
    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning,
        Message = "Audit syslog export to {Host}:{Port} failed at entry {Next}; retrying in {Seconds} s (the trail is unaffected)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string host, int port, long next, double seconds);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Audit syslog export caught up to entry {Next}")]
    private static partial void LogResumed(ILogger logger, long next);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Error,
        Message = "Audit syslog export to {Host}:{Port} refused the collector's TLS certificate: {Reason}; nothing is sent, entry {Next} waits, retrying in {Seconds} s (the trail is unaffected)")]
    private static partial void LogNotTrusted(ILogger logger, string host, int port, string reason, long next, double seconds);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Error,
        Message = "Audit syslog export to {Host} cannot load its TLS files or certificate: {Reason}; entry {Next} waits, retrying in {Seconds} s (the trail is unaffected)")]
    private static partial void LogCredentialFailed(ILogger logger, Exception exception, string host, string reason, long next, double seconds);
}
