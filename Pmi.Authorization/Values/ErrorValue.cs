namespace Pmi.Authorization.Values;

/// <summary>
/// The result of an expression that raised a Cedar error. Errors propagate as this sentinel rather
/// than as exceptions, because they are an expected outcome and must stay cheap.
/// </summary>
internal sealed class ErrorValue : Value
{
    public static readonly ErrorValue Instance = new();

    private ErrorValue()
    {
    }

    public override string TypeName => "error";

    public override bool Equals(Value? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => 0;
}
