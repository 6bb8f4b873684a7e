using Microsoft.Extensions.Logging;

namespace Audit.Sequencing;

internal sealed partial class AuditSequencer
{
    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Audit log resumed at {Size} entries")]
    private static partial void LogResumed(ILogger logger, long size);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Audit log commit failed; {Count} appends refused")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
