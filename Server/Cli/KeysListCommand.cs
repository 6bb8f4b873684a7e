using Platform.Auditing;
using Platform.Hosting;
using Platform.Keys;
using Platform.Keys.Inventory;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// <c>keys list [--json] [--Platform:… options]</c>: the key inventory — every key the modules
/// sign with, the store and place that holds it, its algorithm, what uses it and the certificates
/// that carry it; then the keys no module claims. It reads records and key headers only (no key
/// is opened) and is audited as <c>keys.list</c> before it prints.
/// </summary>
internal static class KeysListCommand
{
    public const string Usage = "Usage: keys list [--json] [--Platform:DataDirectory DIR] [the server's other --Platform:… settings]";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var json = args.Contains("--json");
        var configuration = args.Where(a => a != "--json").ToArray();
        if (!IsConfiguration(configuration))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            await using var app = await KeysHost.OpenAsync(configuration);
            var entries = await app.Services.GetRequiredService<IKeyInventory>().ListAsync();
            var details = Counts(entries);
            details["dataDirectory"] = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value.DataDirectoryPath;

            // Durable before it is shown: the trail says who looked at the inventory, and when.
            await app.Services.GetRequiredService<IAuditTrail>().RecordAsync(KeysEvents.Create("keys.list", AuditOutcome.Success, "key-inventory", details));
            await output.WriteAsync(json ? KeyInventoryJson.Write(entries) : KeyInventoryTable.Write(entries));
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or CryptographicException
            or DbException or NotSupportedException or KeyNotFoundException or AuditUnavailableException or KeyStoreUnavailableException)
        {
            await Console.Error.WriteLineAsync($"keys list: {e.Message}");
            return 1;
        }
    }

    /// <summary>Only <c>--Section:Key value</c> pairs: anything else is a mistyped option, not configuration.</summary>
    private static bool IsConfiguration(string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i += 2)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || !arguments[i].Contains(':', StringComparison.Ordinal) || i + 1 >= arguments.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, string> Counts(IReadOnlyList<KeyInventoryEntry> entries)
    {
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        return new()
        {
            ["keys"] = Count(entries.Count),
            ["claimed"] = Count(entries.Count(e => e.Claimed && e.Store is not (KeyInventoryEntry.Missing or KeyInventoryEntry.Offline))),
            ["unclaimed"] = Count(entries.Count(e => !e.Claimed)),
            ["missing"] = Count(entries.Count(e => e.Store == KeyInventoryEntry.Missing)),
            ["offline"] = Count(entries.Count(e => e.Store == KeyInventoryEntry.Offline)),
        };
    }
}
