namespace Identity.People.Storage;

/// <summary>A page of the directory in login order.</summary>
/// <param name="Limit">At most this many people.</param>
/// <param name="After">The last login of the page before (exclusive), or null for the first page.</param>
/// <param name="Search">A case-insensitive substring of the login or the display name, or null.</param>
/// <param name="Department">Only people of this department, or null.</param>
public sealed record PeopleQuery(int Limit, string? After = null, string? Search = null, string? Department = null);
