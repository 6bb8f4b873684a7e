namespace Platform.Http;

/// <summary>
/// A stable, machine-readable error code of the platform, with the HTTP status it is answered
/// with. Codes exist only in <see cref="ProblemCodes"/>, the one catalogue, so every code an
/// answer can carry is catalogued and documented. A code names the thing, then what is wrong with
/// it: <c>serial-invalid</c>, <c>certificate-unknown</c>, <c>body-too-large</c>.
/// </summary>
public sealed class ProblemCode
{
    internal ProblemCode(string value, int status, string meaning)
    {
        Value = value;
        Status = status;
        Meaning = meaning;
    }

    /// <summary>The code as answers carry it, e.g. <c>serial-invalid</c>.</summary>
    public string Value { get; }

    /// <summary>The HTTP status answered with it.</summary>
    public int Status { get; }

    /// <summary>What it means, for the catalogue's documentation.</summary>
    public string Meaning { get; }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
