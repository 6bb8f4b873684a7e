namespace Pmi.Authorization.Parsing;

/// <summary>A syntax error in Cedar text, with the 1-based position where it was detected.</summary>
/// <param name="Message">What was wrong.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ParseError(string Message, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
