namespace Audit.Storage;

/// <summary>One page of a search, and where the next page starts.</summary>
/// <param name="Entries">The matching entries, highest index first.</param>
/// <param name="Next">
/// The cursor of the next page (<see cref="EventQuery.Before"/>), or null when the search has
/// reached its end. A page may hold fewer entries than asked for, even none, and still have a
/// next one: a search with several filters looks at a bounded stretch of the log per page.
/// </param>
public sealed record EventPage(IReadOnlyList<StoredEntry> Entries, long? Next);
