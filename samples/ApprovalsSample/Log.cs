namespace ApprovalsSample;

/// <summary>The sample's log messages (event ids 10001–10099). Never a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 10001, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: it does not carry a valid gateway identity ({Failure})")]
    public static partial void GatewayIdentityRefused(ILogger logger, string method, string path, string? failure);

    [LoggerMessage(EventId = 10002, Level = LogLevel.Information, Message = "Approval {Id} approved by {Kind} {Approver} under the policies {Policies}")]
    public static partial void Approved(ILogger logger, string id, string kind, string approver, string policies);

    [LoggerMessage(EventId = 10003, Level = LogLevel.Warning, Message = "The gateway answered {Method} {Path} with {Status}")]
    public static partial void GatewayFailed(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 10004, Level = LogLevel.Warning, Message = "The gateway could not be reached for {Method} {Path}")]
    public static partial void GatewayUnreachable(ILogger logger, string method, string path, Exception exception);
}
