using Pmi.Authorization.Authorization;

namespace Pmi.Authorization.Testing;

/// <summary>The outcome of one request of an integration test file, compared with its expectation.</summary>
/// <param name="File">The test file.</param>
/// <param name="Description">The request description.</param>
/// <param name="Decision">The decision reached, or null when the request could not be run.</param>
/// <param name="Reasons">Determining policy ids, sorted.</param>
/// <param name="Errors">Erroring policy ids, sorted.</param>
/// <param name="ExpectedDecision">The expected decision.</param>
/// <param name="ExpectedReasons">The expected determining policy ids, sorted.</param>
/// <param name="ExpectedErrors">The expected erroring policy ids, sorted.</param>
/// <param name="Failure">Why the request failed to run, or null.</param>
public sealed record RequestResult(
    string File,
    string Description,
    Decision? Decision,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Errors,
    Decision ExpectedDecision,
    IReadOnlyList<string> ExpectedReasons,
    IReadOnlyList<string> ExpectedErrors,
    string? Failure)
{
    /// <summary>Whether decision, reasons and errors all match the expectation.</summary>
    public bool Passed => Failure is null && Decision == ExpectedDecision && Reasons.SequenceEqual(ExpectedReasons) && Errors.SequenceEqual(ExpectedErrors);
}
