using Platform.Hosting;
using Server.Hosting;

namespace Server.Cli;

/// <summary>
/// The host a <c>keys</c> command works in: the server's composition and configuration, with only
/// the start-up tasks up to the audit trail run (the key store check, then the audit log and its
/// checkpoint key), so nothing is bootstrapped and the command's own event can be recorded.
/// </summary>
internal static class KeysHost
{
    /// <summary>The last start-up task run: the audit trail's (Order 10).</summary>
    private const int LastTask = 10;

    /// <summary>Builds the host from <paramref name="configuration"/> and opens the key store and the audit trail.</summary>
    public static async Task<WebApplication> OpenAsync(IEnumerable<string> configuration)
    {
        // Standard output is the command's (a table, JSON): the host's log lines go to standard error.
        var app = PlatformHost.Build([.. configuration, "--" + Logging.StandardErrorSetting, "true"]);
        try
        {
            foreach (var task in app.Services.GetServices<IStartupTask>().Where(t => t.Order <= LastTask).OrderBy(t => t.Order))
            {
                await task.RunAsync(CancellationToken.None);
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
