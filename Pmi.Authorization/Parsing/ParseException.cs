namespace Pmi.Authorization.Parsing;

/// <summary>Unwinds the recursive-descent parser; converted to a <see cref="ParseError"/> at the API boundary.</summary>
internal sealed class ParseException(ParseError error) : Exception(error.ToString())
{
    public ParseError Error { get; } = error;
}
