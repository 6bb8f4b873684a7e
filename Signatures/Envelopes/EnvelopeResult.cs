using Platform.Http;

namespace Signatures.Envelopes;

/// <summary>What an encryption or decryption gave: its value, or the catalogued refusal to answer.</summary>
internal sealed record EnvelopeResult<T>(T? Value, ProblemCode? Code = null, string? Detail = null)
    where T : class
{
    public static EnvelopeResult<T> Refused(ProblemCode code, string detail) => new(null, code, detail);
}
