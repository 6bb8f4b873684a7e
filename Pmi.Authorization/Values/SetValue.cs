namespace Pmi.Authorization.Values;

internal sealed class SetValue : Value
{
    public static readonly SetValue Empty = new(new HashSet<Value>());

    public SetValue(HashSet<Value> items) => Items = items;

    public HashSet<Value> Items { get; }

    public override string TypeName => "set";

    public override bool Equals(Value? other) => other is SetValue s && s.Items.Count == Items.Count && s.Items.SetEquals(Items);

    public override int GetHashCode()
    {
        // Order-independent so that equal sets hash equally.
        var h = Items.Count;
        foreach (var v in Items)
        {
            h ^= v.GetHashCode();
        }

        return h;
    }

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
