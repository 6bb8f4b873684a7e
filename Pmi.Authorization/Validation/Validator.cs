using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Validation;

/// <summary>
/// Strict validation of policies against a schema, following Cedar's typechecker: every policy must
/// type as a boolean in every request environment the schema allows, reference only declared
/// entities. A policy that is false in all of them is reported as a warning.
/// </summary>
public static class Validator
{
    /// <summary>
    /// Validates every static policy, template and template-linked policy. A template's slots may
    /// hold any entity, so its scope tests on slots are treated as possibly true.
    /// </summary>
    public static ValidationResult Validate(PolicySet policies, CedarSchema schema)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(schema);
        var info = schema.Info;
        var environments = Environments(info);
        var errors = new List<ValidationError>();
        var warnings = new List<ValidationError>();
        foreach (var policy in policies.All)
        {
            var (error, impossible) = ValidatePolicy(policy, info, environments);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (impossible)
            {
                // Cedar reports an always-false policy as a warning: it is suspicious but harmless.
                warnings.Add(new ValidationError(policy.Id, "policy is impossible: it is false for every request the schema allows"));
            }
        }

        return new ValidationResult(errors, warnings);
    }

    private static (ValidationError? Error, bool Impossible) ValidatePolicy(Policy policy, SchemaInfo info, List<TypeEnvironment> environments)
    {
        var expr = PolicyExpression.Build(policy);
        try
        {
            EntityReferenceChecker.Check(expr, info);
            if (!ScopeApplicability.IsApplicable(policy, info))
            {
                return (new ValidationError(policy.Id, "no action in the policy scope applies to the principal and resource types the scope allows"), false);
            }

            var allFalse = true;
            foreach (var env in environments)
            {
                var result = new TypeChecker(env).TypeOf(expr, TypeResult.None);
                if (result.Type is not BoolType b)
                {
                    return (new ValidationError(policy.Id, $"policy condition has type {result.Type}, expected a boolean"), false);
                }

                allFalse &= b.Kind == BoolKind.False;
            }

            return (null, allFalse);
        }
        catch (TypeCheckException ex)
        {
            return (new ValidationError(policy.Id, ex.Message, ex.Line, ex.Column), false);
        }
        catch (InsufficientExecutionStackException)
        {
            return (new ValidationError(policy.Id, "policy is nested too deeply to validate"), false);
        }
    }

    private static List<TypeEnvironment> Environments(SchemaInfo info)
    {
        var result = new List<TypeEnvironment>();
        foreach (var action in info.Schema.Actions.Values)
        {
            if (action.PrincipalTypes is null || action.ResourceTypes is null)
            {
                continue;
            }

            var context = TypeOps.FromSchema((RecordType)action.Context);
            foreach (var p in action.PrincipalTypes)
            {
                foreach (var r in action.ResourceTypes)
                {
                    result.Add(new TypeEnvironment(info, p, action.Uid, r, context));
                }
            }
        }

        return result;
    }
}
