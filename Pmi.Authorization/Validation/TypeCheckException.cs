namespace Pmi.Authorization.Validation;

/// <summary>Unwinds the typechecker for one policy and environment; becomes a <see cref="ValidationError"/>.</summary>
internal sealed class TypeCheckException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
