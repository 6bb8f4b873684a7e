namespace Pmi.Authorization.Decisions;

/// <summary>The audit trail could not record an update; the update is not made (fail closed).</summary>
internal sealed class AuditUnavailableException(Exception inner) : Exception("The audit trail could not record the update.", inner);
