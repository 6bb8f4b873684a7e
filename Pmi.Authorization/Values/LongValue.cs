namespace Pmi.Authorization.Values;

internal sealed class LongValue(long value) : Value
{
    private static readonly LongValue[] Small = CreateSmall();

    public long Value { get; } = value;

    public override string TypeName => "long";

    public static LongValue Of(long v) => v is >= -16 and < 240 ? Small[v + 16] : new LongValue(v);

    public override bool Equals(Value? other) => other is LongValue l && l.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LongValue[] CreateSmall()
    {
        var a = new LongValue[256];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = new LongValue(i - 16);
        }

        return a;
    }
}
