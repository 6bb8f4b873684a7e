namespace Pmi.Authorization.Validation;

/// <summary>A policy that does not type-check against the schema.</summary>
/// <param name="PolicyId">The offending policy.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line of the offending expression, or 0 if unknown.</param>
/// <param name="Column">1-based column, or 0 if unknown.</param>
public sealed record ValidationError(string PolicyId, string Message, int Line = 0, int Column = 0)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{PolicyId} ({Line}:{Column}): {Message}" : $"{PolicyId}: {Message}";
}
