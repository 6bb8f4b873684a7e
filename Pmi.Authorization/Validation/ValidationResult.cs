namespace Pmi.Authorization.Validation;

/// <summary>The outcome of validating a policy set against a schema.</summary>
/// <param name="Errors">Every validation error found; empty when the policies are valid.</param>
/// <param name="Warnings">Findings that do not fail validation, such as policies that can never apply.</param>
public sealed record ValidationResult(IReadOnlyList<ValidationError> Errors, IReadOnlyList<ValidationError> Warnings)
{
    /// <summary>Whether no errors were found.</summary>
    public bool IsValid => Errors.Count == 0;
}
