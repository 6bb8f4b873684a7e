namespace Server.Cli;

/// <summary>
/// Reads <c>--name value</c> options, <c>--flag</c> switches (an option followed by another option
/// or by nothing, whose value is empty) and positional arguments of a subcommand.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly List<string> positional = [];

    public CommandArguments(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(list[i]);
                continue;
            }

            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[list[i][2..]] = hasValue ? list[++i] : "";
        }
    }

    public IReadOnlyList<string> Positional => positional;

    public string? this[string name] => options.GetValueOrDefault(name);
}
