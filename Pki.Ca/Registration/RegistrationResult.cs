using Platform.Http;

namespace Pki.Ca.Registration;

/// <summary>A registration step's outcome: its value, or the catalogued code and a message safe to show.</summary>
internal sealed record RegistrationResult<T>(T? Value, ProblemCode? Code = null, string? Detail = null)
{
    public static RegistrationResult<T> Refused(ProblemCode code, string detail) => new(default, code, detail);
}
