namespace Pmi.Authorization.Parsing;

/// <summary>A lexical token. For strings, <see cref="Text"/> holds the raw text between the quotes.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column);
