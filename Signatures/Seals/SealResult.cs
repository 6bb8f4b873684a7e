using Platform.Http;

namespace Signatures.Seals;

/// <summary>A value, or the catalogued problem that stands instead of it.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value; null when refused.</param>
/// <param name="Code">Why not.</param>
/// <param name="Detail">Why not, for people.</param>
internal sealed record SealResult<T>(T? Value, ProblemCode? Code = null, string? Detail = null)
    where T : class
{
    /// <summary>A refusal.</summary>
    public static SealResult<T> Refused(ProblemCode code, string detail) => new(null, code, detail);
}
