namespace Signatures.Cades;

/// <summary>The names of <see cref="CadesLevel"/> as the API writes them: <c>B-B</c>, <c>B-T</c>, <c>B-LT</c>, <c>B-LTA</c>.</summary>
public static class CadesLevels
{
    /// <summary>The names, lowest level first.</summary>
    public static IReadOnlyList<string> All { get; } = ["B-B", "B-T", "B-LT", "B-LTA"];

    /// <summary>Reads a level's name (case matters, as in EN 319 122-1); false for anything else.</summary>
    public static bool TryParse(string? name, out CadesLevel level)
    {
        var index = name is null ? -1 : IndexOf(name);
        level = (CadesLevel)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The name of <paramref name="level"/>.</summary>
    public static string Name(this CadesLevel level) => All[(int)level];

    private static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
