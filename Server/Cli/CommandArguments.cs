namespace Server.Cli;

/// <summary>Reads <c>--name value</c> options and positional arguments of a subcommand.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly List<string> positional = [];

    public CommandArguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            if (e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                var name = e.Current[2..];
                options[name] = e.MoveNext() ? e.Current : "";
            }
            else
            {
                positional.Add(e.Current);
            }
        }
    }

    public IReadOnlyList<string> Positional => positional;

    public string? this[string name] => options.GetValueOrDefault(name);
}
