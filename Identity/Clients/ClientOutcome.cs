using Platform.Http;

namespace Identity.Clients;

/// <summary>How an action on a registered application ended: the application afterwards, or the catalogued reason it was refused.</summary>
/// <param name="Value">The application, when it succeeded (null after a removal).</param>
/// <param name="Code">The refusal's code, when it was refused.</param>
/// <param name="Detail">What was wrong, safe to answer.</param>
/// <param name="Field">The request field the refusal concerns, when there is one.</param>
internal sealed record ClientOutcome(Client? Value, ProblemCode? Code, string? Detail, string? Field)
{
    public bool Succeeded => Code is null;

    public static ClientOutcome Done(Client? value) => new(value, null, null, null);

    public static ClientOutcome Refused(ProblemCode code, string detail, string? field = null) => new(null, code, detail, field);
}
