namespace Pmi.Authorization.Values;

/// <summary>A Cedar datetime: milliseconds since the Unix epoch.</summary>
internal sealed class DatetimeValue(long millis) : Value
{
    public long Millis { get; } = millis;

    public override string TypeName => "datetime";

    public override bool Equals(Value? other) => other is DatetimeValue d && d.Millis == Millis;

    public override int GetHashCode() => Millis.GetHashCode() ^ 0x27d4eb2d;

    public override string ToString() => "datetime(" + Millis + "ms)";
}
