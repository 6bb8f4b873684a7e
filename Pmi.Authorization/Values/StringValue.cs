namespace Pmi.Authorization.Values;

internal sealed class StringValue(string value) : Value
{
    public string Value { get; } = value;

    public override string TypeName => "string";

    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => "\"" + Value + "\"";
}
