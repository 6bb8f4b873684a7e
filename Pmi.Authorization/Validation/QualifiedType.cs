namespace Pmi.Authorization.Validation;

internal sealed record QualifiedType(CedarType Type, bool Required);
