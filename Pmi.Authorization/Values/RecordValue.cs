namespace Pmi.Authorization.Values;

internal sealed class RecordValue : Value
{
    public static readonly RecordValue Empty = new(new Dictionary<string, Value>(StringComparer.Ordinal));

    public RecordValue(Dictionary<string, Value> attrs) => Attrs = attrs;

    public Dictionary<string, Value> Attrs { get; }

    public override string TypeName => "record";

    public override bool Equals(Value? other)
    {
        if (other is not RecordValue r || r.Attrs.Count != Attrs.Count)
        {
            return false;
        }

        foreach (var kv in Attrs)
        {
            if (!r.Attrs.TryGetValue(kv.Key, out var v) || !v.Equals(kv.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var h = Attrs.Count;
        foreach (var kv in Attrs)
        {
            h ^= StringComparer.Ordinal.GetHashCode(kv.Key) * 31 + kv.Value.GetHashCode();
        }

        return h;
    }

    public override string ToString() => "{" + string.Join(", ", Attrs.Select(kv => kv.Key + ": " + kv.Value)) + "}";
}
