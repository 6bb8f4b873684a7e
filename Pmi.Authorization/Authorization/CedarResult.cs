namespace Pmi.Authorization.Authorization;

/// <summary>A value or the reason it could not be produced.</summary>
/// <typeparam name="T">The produced value type.</typeparam>
public sealed class CedarResult<T>
    where T : class
{
    private CedarResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value on success.</summary>
    public T? Value { get; }

    /// <summary>The error on failure.</summary>
    public string? Error { get; }

    /// <summary>Whether a value was produced.</summary>
    public bool IsSuccess => Value is not null;

    internal static CedarResult<T> Ok(T value) => new(value, null);

    internal static CedarResult<T> Fail(string error) => new(null, error);
}
