namespace Pmi.Authorization.Validation;

/// <summary>A record type; equality is structural over the attribute map.</summary>
internal sealed record RecordOfType(IReadOnlyDictionary<string, QualifiedType> Attributes) : CedarType
{
    public bool Equals(RecordOfType? other)
    {
        if (other is null || other.Attributes.Count != Attributes.Count)
        {
            return false;
        }

        foreach (var kv in Attributes)
        {
            if (!other.Attributes.TryGetValue(kv.Key, out var q) || q != kv.Value)
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => Attributes.Count;

    public override string ToString() => "{" + string.Join(", ", Attributes.Select(kv => kv.Key + (kv.Value.Required ? ": " : "?: ") + kv.Value.Type)) + "}";
}
