namespace Platform.Auditing;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    /// <summary>The action was carried out.</summary>
    Success,
    /// <summary>The action was attempted and failed (bad input, an error).</summary>
    Failure,
    /// <summary>The action was refused for lack of authentication or authority.</summary>
    Denied,
}
