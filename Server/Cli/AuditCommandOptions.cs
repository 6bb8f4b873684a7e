namespace Server.Cli;

/// <summary>
/// The options of <c>audit verify</c> and <c>audit prove</c>: each flag takes one value;
/// <c>--Platform:…</c> options are configuration, as for the server, and select the storage.
/// </summary>
internal sealed class AuditCommandOptions
{
    private static readonly HashSet<string> Flags =
        new(["--data-dir", "--url", "--cert", "--key", "--ca", "--verifier-key", "--checkpoint", "--timestamp", "--index"], StringComparer.Ordinal);

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private AuditCommandOptions()
    {
    }

    /// <summary>The <c>--Platform:…</c> options, as command-line configuration arguments.</summary>
    public List<string> Configuration { get; } = [];

    public string? this[string flag] => values.GetValueOrDefault(flag);

    public bool Has(string flag) => values.ContainsKey(flag);

    /// <summary>Reads <paramref name="args"/>, or returns null when one is unknown or lacks its value.</summary>
    public static AuditCommandOptions? Parse(string[] args)
    {
        var options = new AuditCommandOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            if (args[i].StartsWith("--Platform:", StringComparison.OrdinalIgnoreCase))
            {
                options.Configuration.AddRange([args[i], args[i + 1]]);
            }
            else if (Flags.Contains(args[i]))
            {
                options.values[args[i]] = args[i + 1];
            }
            else
            {
                return null;
            }
        }

        return options;
    }
}
