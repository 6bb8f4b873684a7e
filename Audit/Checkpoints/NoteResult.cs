namespace Audit.Checkpoints;

/// <summary>A parsed or verified value, or the reason there is none.</summary>
/// <typeparam name="T">The kind of value.</typeparam>
public readonly record struct NoteResult<T>
    where T : class
{
    private NoteResult(T? value, NoteError error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="Error"/> is <see cref="NoteError.None"/>.</summary>
    public T? Value { get; }

    /// <summary>The reason there is no value, or <see cref="NoteError.None"/>.</summary>
    public NoteError Error { get; }

    /// <summary>Whether <see cref="Value"/> holds a result; false for the default value.</summary>
    public bool IsSuccess => Error == NoteError.None && Value is not null;

    /// <summary>A successful result.</summary>
    public static NoteResult<T> Success(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, NoteError.None);
    }

    /// <summary>A failed result.</summary>
    public static NoteResult<T> Failure(NoteError error)
    {
        if (error == NoteError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), "A failure needs a reason.");
        }

        return new(null, error);
    }
}
