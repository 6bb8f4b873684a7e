namespace Pmi.Authorization.Validation;

/// <summary>Boolean types are refined to singletons where the typechecker can tell the value.</summary>
internal enum BoolKind
{
    Any,
    True,
    False,
}
