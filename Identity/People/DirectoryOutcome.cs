using Platform.Http;

namespace Identity.People;

/// <summary>How a directory action ended: the person afterwards, or the catalogued reason it was refused.</summary>
/// <typeparam name="T">What a success gives.</typeparam>
/// <param name="Value">The result, when it succeeded.</param>
/// <param name="Code">The refusal's code, when it was refused.</param>
/// <param name="Detail">What was wrong, safe to answer.</param>
/// <param name="Changed">True when the action changed the directory (false for a repeated binding).</param>
public sealed record DirectoryOutcome<T>(T? Value, ProblemCode? Code, string? Detail, bool Changed = true)
    where T : class
{
    /// <summary>A success.</summary>
    public static DirectoryOutcome<T> Done(T value, bool changed = true) => new(value, null, null, changed);

    /// <summary>A refusal.</summary>
    public static DirectoryOutcome<T> Refused(ProblemCode code, string detail) => new(null, code, detail, Changed: false);
}
