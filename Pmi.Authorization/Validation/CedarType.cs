namespace Pmi.Authorization.Validation;

/// <summary>A type inferred by the typechecker.</summary>
internal abstract record CedarType;
