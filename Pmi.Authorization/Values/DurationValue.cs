namespace Pmi.Authorization.Values;

/// <summary>A Cedar duration in milliseconds.</summary>
internal sealed class DurationValue(long millis) : Value
{
    public long Millis { get; } = millis;

    public override string TypeName => "duration";

    public override bool Equals(Value? other) => other is DurationValue d && d.Millis == Millis;

    public override int GetHashCode() => Millis.GetHashCode() ^ 0x165667b1;

    public override string ToString() => "duration(\"" + Millis + "ms\")";
}
