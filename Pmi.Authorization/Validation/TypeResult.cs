using System.Collections.Immutable;

namespace Pmi.Authorization.Validation;

/// <summary>A type with the capabilities (checked attributes and tags) known when it evaluates to true.</summary>
internal readonly record struct TypeResult(CedarType Type, ImmutableHashSet<string> Caps)
{
    public static readonly ImmutableHashSet<string> None = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public static TypeResult Of(CedarType t) => new(t, None);
}
