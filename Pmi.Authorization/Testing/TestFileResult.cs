namespace Pmi.Authorization.Testing;

/// <summary>The outcome of one integration test file.</summary>
/// <param name="File">The test file.</param>
/// <param name="Requests">Per-request outcomes.</param>
/// <param name="ShouldValidate">Whether the file expects its policies to validate against its schema.</param>
/// <param name="Validated">Whether they did, or null when the file could not be loaded.</param>
/// <param name="ValidationErrors">Validation messages.</param>
/// <param name="SetupError">Why the policies, entities or schema could not be loaded, or null.</param>
public sealed record TestFileResult(
    string File,
    IReadOnlyList<RequestResult> Requests,
    bool ShouldValidate,
    bool? Validated,
    IReadOnlyList<string> ValidationErrors,
    string? SetupError)
{
    /// <summary>Whether the validation outcome matches <see cref="ShouldValidate"/>.</summary>
    public bool ValidationPassed => Validated == ShouldValidate;
}
