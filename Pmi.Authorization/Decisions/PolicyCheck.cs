using Platform.Http;

namespace Pmi.Authorization.Decisions;

/// <summary>What a policy update would meet, without making it.</summary>
/// <param name="Code">Why it would be refused (<c>policy-syntax-invalid</c> or <c>policy-invalid</c>); null when it would be stored.</param>
/// <param name="Errors">Syntax or validation errors, each at its line and column.</param>
/// <param name="Warnings">Validation warnings, which do not refuse.</param>
/// <param name="PolicyCount">How many policies and templates the text holds (0 when it does not parse).</param>
/// <param name="SchemaVersion">The schema version it was validated against; null when no schema is set.</param>
internal sealed record PolicyCheck(
    ProblemCode? Code, IReadOnlyList<DocumentError> Errors, IReadOnlyList<DocumentError> Warnings, int PolicyCount, long? SchemaVersion);
