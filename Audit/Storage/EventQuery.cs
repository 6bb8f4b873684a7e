namespace Audit.Storage;

/// <summary>A search of the log, newest first. Null filters match everything; text filters match exactly.</summary>
public sealed record EventQuery
{
    /// <summary>The largest page a search returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Entries at or before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The actor: certificate subject, else user, else OAuth client id.</summary>
    public string? Actor { get; init; }

    /// <summary>The action name.</summary>
    public string? Action { get; init; }

    /// <summary>The target.</summary>
    public string? Target { get; init; }

    /// <summary>The outcome name: <c>success</c>, <c>failure</c> or <c>denied</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>The recording module.</summary>
    public string? Module { get; init; }

    /// <summary>Only entries with an index below this one (the paging cursor).</summary>
    public long? Before { get; init; }

    /// <summary>The page size, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>
    /// How many consecutive entries one page of a search with two or more exact filters looks at.
    /// Such a search walks the index of one filter and checks the others row by row, so a rare
    /// combination inside a common filter (the gateway's certificate with a module it never
    /// writes to) would otherwise read most of the log for one page; bounded, a page costs the
    /// same at a million entries as at a thousand, and the cursor carries on below the stretch.
    /// </summary>
    internal long ScanWindow { get; init; } = 100_000;
}
