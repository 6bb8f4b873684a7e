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
}
