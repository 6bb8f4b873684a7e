using System.Globalization;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// The names of a CA's generations: <c>issuing</c>, then <c>issuing.2</c>, <c>issuing.3</c>, …
/// Configured CA names cannot contain '.', so a generation never takes a name configuration uses.
/// </summary>
internal static class CaGenerations
{
    /// <summary>The name of the generation after <paramref name="name"/>.</summary>
    public static string Next(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? $"{name[..dot]}.{(generation + 1).ToString(CultureInfo.InvariantCulture)}"
            : name + ".2";
    }
}
