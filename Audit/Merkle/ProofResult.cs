namespace Audit.Merkle;

/// <summary>A proof, root or other value, or the reason it could not be produced.</summary>
/// <typeparam name="T">The kind of value.</typeparam>
public readonly record struct ProofResult<T>
    where T : class
{
    private ProofResult(T? value, ProofError error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="Error"/> is <see cref="ProofError.None"/>.</summary>
    public T? Value { get; }

    /// <summary>The reason there is no value, or <see cref="ProofError.None"/>.</summary>
    public ProofError Error { get; }

    /// <summary>Whether <see cref="Value"/> holds a result; false for the default value.</summary>
    public bool IsSuccess => Error == ProofError.None && Value is not null;

    /// <summary>A successful result.</summary>
    public static ProofResult<T> Success(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, ProofError.None);
    }

    /// <summary>A failed result.</summary>
    public static ProofResult<T> Failure(ProofError error)
    {
        if (error == ProofError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), "A failure needs a reason.");
        }

        return new(null, error);
    }
}
