using Microsoft.Extensions.Logging;
using Pmi.Authorization.Authorization;

namespace Pmi.Authorization.Decisions;

/// <summary>The policy decision point's log messages (event ids 5000-5099).</summary>
internal static partial class PdpLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Authorization policies version {PolicyVersion} ({PolicyCount} policies) and schema version {SchemaVersion} are active")]
    public static partial void Loaded(ILogger logger, long policyVersion, int policyCount, long schemaVersion);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Stored authorization {Kind} version {Version} cannot be loaded: {Reason}")]
    public static partial void StoredDocumentUnusable(ILogger logger, string kind, long version, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Authorization {Kind} version {Version} stored ({Sha256})")]
    public static partial void Stored(ILogger logger, string kind, long version, string sha256);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Authorization {Kind} update refused: {Code}")]
    public static partial void Refused(ILogger logger, string kind, string code);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Decision {Decision} for {Principal} {Action} {Resource} ({ErrorCount} policy errors)")]
    public static partial void Decided(ILogger logger, string principal, string action, string resource, Decision decision, int errorCount);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Decision request refused: {Code}: {Detail}")]
    public static partial void RequestRefused(ILogger logger, string code, string detail);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Taking in the policies or attribute certificates stored by another node failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);
}
