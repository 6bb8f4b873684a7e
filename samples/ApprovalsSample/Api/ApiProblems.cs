namespace ApprovalsSample.Api;

/// <summary>
/// The API's refusals, as RFC 7807 problem details with a stable <c>code</c> (also in the
/// <c>type</c> URI) and a message safe to show; why a signature failed goes to the log only.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The request did not come through the gateway, or its signed identity does not hold.</summary>
    public const string GatewayIdentityRefused = "gateway-identity-refused";

    /// <summary>There is no approval with that id.</summary>
    public const string ApprovalUnknown = "approval-unknown";

    /// <summary>The approval was approved already.</summary>
    public const string ApprovalNotPending = "approval-not-pending";

    public static IResult Of(string code, int status, string detail) => Results.Problem(
        detail: detail, statusCode: status, type: "urn:approvals-sample:problem:" + code,
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
