using Platform.Http;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// The outcome of replacing the policies or the schema: the new version, or why it was refused
/// (a stable <see cref="Code"/>, a safe message and the problems found, with positions).
/// </summary>
internal sealed class UpdateOutcome
{
    private UpdateOutcome(long version, string? sha256, int policyCount, IReadOnlyList<DocumentError> warnings, ProblemCode? code, string? detail, IReadOnlyList<DocumentError> errors)
    {
        Version = version;
        Sha256 = sha256;
        PolicyCount = policyCount;
        Warnings = warnings;
        Code = code;
        Detail = detail;
        Errors = errors;
    }

    /// <summary>Whether the update was stored and is now active.</summary>
    public bool Accepted => Code is null;

    /// <summary>The stored version.</summary>
    public long Version { get; }

    /// <summary>Lowercase hex SHA-256 of the stored text.</summary>
    public string? Sha256 { get; }

    /// <summary>How many policies and templates the active set holds.</summary>
    public int PolicyCount { get; }

    /// <summary>Validation warnings of an accepted update (policies that can never apply, …).</summary>
    public IReadOnlyList<DocumentError> Warnings { get; }

    /// <summary>The refusal code: <c>policy-syntax-invalid</c>, <c>policy-invalid</c>, <c>schema-syntax-invalid</c>, <c>schema-incompatible</c>, <c>update-concurrent</c>.</summary>
    public ProblemCode? Code { get; }

    /// <summary>The refusal's message.</summary>
    public string? Detail { get; }

    /// <summary>The problems that caused the refusal.</summary>
    public IReadOnlyList<DocumentError> Errors { get; }

    internal static UpdateOutcome Stored(long version, string sha256, int policyCount, IReadOnlyList<DocumentError> warnings) =>
        new(version, sha256, policyCount, warnings, null, null, []);

    internal static UpdateOutcome Refused(ProblemCode code, string detail, IReadOnlyList<DocumentError>? errors = null) =>
        new(0, null, 0, [], code, detail, errors ?? []);
}
