namespace Pmi.Authorization.Model;

/// <summary>The outcome of reading entities: the entities, or why they could not be read.</summary>
public sealed class EntitiesResult
{
    private EntitiesResult(Entities? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The entities, when reading succeeded.</summary>
    public Entities? Value { get; }

    /// <summary>Why reading failed, or null.</summary>
    public string? Error { get; }

    /// <summary>Whether reading succeeded.</summary>
    public bool IsSuccess => Value is not null;

    internal static EntitiesResult Ok(Entities e) => new(e, null);

    internal static EntitiesResult Fail(string error) => new(null, error);
}
