using System.Globalization;

namespace Pmi.Authorization.Values;

/// <summary>A Cedar decimal: a 64-bit integer scaled by 10^4.</summary>
internal sealed class DecimalValue(long scaled) : Value
{
    public long Scaled { get; } = scaled;

    public override string TypeName => "decimal";

    public override bool Equals(Value? other) => other is DecimalValue d && d.Scaled == Scaled;

    public override int GetHashCode() => Scaled.GetHashCode() ^ 0x5bd1e995;

    public override string ToString()
    {
        var abs = Scaled < 0 ? -(decimal)Scaled : Scaled;
        var text = (abs / 10000m).ToString("0.0###", CultureInfo.InvariantCulture);
        return "decimal(\"" + (Scaled < 0 ? "-" : string.Empty) + text + "\")";
    }
}
