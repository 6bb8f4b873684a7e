namespace Pmi.Authorization.Evaluation;

/// <summary>
/// A Cedar evaluation error (type error, missing attribute, overflow, ...). It unwinds evaluation of
/// one policy only; the authorizer records it and skips that policy.
/// </summary>
internal sealed class EvaluationException(string message) : Exception(message);
