namespace Audit.Events;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    /// <summary>The action was carried out (encoded <c>"success"</c>).</summary>
    Success,

    /// <summary>The action was allowed but did not complete (encoded <c>"failure"</c>).</summary>
    Failure,

    /// <summary>Authentication or authorization refused the action (encoded <c>"denied"</c>).</summary>
    Denied,
}
