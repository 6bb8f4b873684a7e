namespace Server.Tests.Console;

/// <summary>The console's source files in the repository (the server serves them embedded; scripts run by Node read them here).</summary>
internal static class ConsoleSources
{
    public static string WwwRoot { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Server", "Console", "wwwroot");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Server/Console/wwwroot is not above the test binaries.");
    }
}
