using Platform.Auditing;

namespace Identity.People.Storage;

/// <summary>What a change decided about the person it read: its result, the person's new state (null: unchanged), and the event that records it.</summary>
/// <typeparam name="T">The result.</typeparam>
/// <param name="Result">The result for the caller.</param>
/// <param name="Updated">The person as stored afterwards, or null when nothing changes.</param>
/// <param name="Event">The audit event of the action, committed with the change; null for none.</param>
public readonly record struct PersonChange<T>(T Result, StoredPerson? Updated, AuditEvent? Event);
