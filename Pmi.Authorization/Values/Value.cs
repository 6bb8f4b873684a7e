namespace Pmi.Authorization.Values;

/// <summary>A Cedar runtime value. Equality is Cedar's structural equality.</summary>
internal abstract class Value : IEquatable<Value>
{
    /// <summary>The Cedar type name used in error messages.</summary>
    public abstract string TypeName { get; }

    public abstract bool Equals(Value? other);

    public sealed override bool Equals(object? obj) => obj is Value v && Equals(v);

    public abstract override int GetHashCode();
}
