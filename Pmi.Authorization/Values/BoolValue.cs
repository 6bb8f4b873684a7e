namespace Pmi.Authorization.Values;

internal sealed class BoolValue : Value
{
    // Two shared instances keep boolean results allocation-free.
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);

    private BoolValue(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "bool";

    public static BoolValue Of(bool b) => b ? True : False;

    public override bool Equals(Value? other) => other is BoolValue b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 2;

    public override string ToString() => Value ? "true" : "false";
}
