namespace Pmi.Authorization.Parsing;

/// <summary>One piece of a <c>like</c> pattern: a literal run of characters or a <c>*</c> wildcard.</summary>
internal readonly record struct PatternElement(string? Text)
{
    public static PatternElement Wildcard => new(null);

    public bool IsWildcard => Text is null;

    public static PatternElement Literal(string text) => new(text);
}
