namespace Pmi.Authorization.Decisions;

/// <summary>One problem found in submitted policies or a schema.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line, or 0 when not known.</param>
/// <param name="Column">1-based column, or 0 when not known.</param>
/// <param name="PolicyId">The policy the problem is in, for validation errors.</param>
internal sealed record DocumentError(string Message, int Line, int Column, string? PolicyId = null);
