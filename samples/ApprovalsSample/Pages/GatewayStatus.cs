namespace ApprovalsSample.Pages;

/// <summary>What the gateway's answer means for the person at the page.</summary>
internal enum GatewayStatus
{
    /// <summary>Answered; the value is there.</summary>
    Ok,

    /// <summary>The gateway refused the access token (<c>WWW-Authenticate: Bearer</c>): the person signs in again.</summary>
    SignInAgain,

    /// <summary>The platform's decision point does not allow it (403).</summary>
    NotAllowed,

    /// <summary>There is no such approval (404 <c>approval-unknown</c>).</summary>
    Unknown,

    /// <summary>The approval was approved already (409 <c>approval-not-pending</c>).</summary>
    NotPending,

    /// <summary>Anything else: the gateway or the API could not answer as asked.</summary>
    Failed,
}
