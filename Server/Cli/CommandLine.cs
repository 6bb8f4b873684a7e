using Server.Hosting;

namespace Server.Cli;

/// <summary>
/// The program's command line: <c>Server [command] [arguments]</c>. Without a command it serves;
/// arguments that are not a command are configuration (<c>--Platform:DataDirectory x</c>).
/// </summary>
public static class CommandLine
{
    private static readonly IReadOnlyList<(string Name, string Summary, Func<string[], Task<int>> Run)> Commands =
    [
        ("serve", "Run the platform (the default).", ServeAsync),
        ("tsa", TsaCommand.Summary, TsaCommand.RunAsync),
        ("authz", AuthzCommand.Summary, AuthzCommand.RunAsync),
        ("audit", AuditCommand.Summary, AuditCommand.RunAsync),
        ("pki", PkiCommand.Summary, PkiCommand.RunAsync),
        ("keys", KeysCommand.Summary, KeysCommand.RunAsync),
        ("identity", IdentityCommand.Summary, IdentityCommand.RunAsync),
        ("signatures", SignaturesCommand.Summary, SignaturesCommand.RunAsync),
    ];

    /// <summary>Runs the command named by <paramref name="args"/> and returns the exit status.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(Console.Out);
            return 0;
        }

        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            var command = Commands.FirstOrDefault(c => c.Name == args[0]);
            if (command.Run is null)
            {
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'.");
                PrintHelp(Console.Error);
                return 2;
            }

            return await command.Run(args[1..]);
        }

        return await ServeAsync(args);
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        await using var app = PlatformHost.Build(args);
        await PlatformHost.StartAsync(app);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("SecurityPlatform: certificate authority, time-stamping, authorization, identity, signatures and audit.");
        output.WriteLine();
        output.WriteLine("Usage: dotnet run --project Server -- [command] [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var (name, summary, _) in Commands)
        {
            output.WriteLine($"  {name,-16}{summary}");
        }

        output.WriteLine();
        output.WriteLine("Configuration options (any appsettings key): --urls URLS, --Platform:DataDirectory DIR,");
        output.WriteLine("  --Platform:PublicBaseUrl URL, --Platform:Storage:Provider Sqlite|PostgreSql, --Pki:Hierarchy:Algorithm ALG");
    }
}
