using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Hosting;
using Platform.Keys;
using Server.Hosting;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// <c>keys rewrap --new-kek-file F [--Platform:… options]</c>: re-seals the modules' sealed secrets
/// (the identity module's TOTP seeds and token-encryption key) and re-encrypts every software
/// private key under the 32-byte key-encryption key in F, with the server's configuration (so the
/// same data directory, database and current KEK). The server must be stopped while it runs; it
/// can be run again to finish an interrupted run. Audited as <c>keys.rewrap</c>, with its outcome,
/// before it reports.
/// </summary>
internal static class KeysRewrapCommand
{
    public const string Usage = "Usage: keys rewrap --new-kek-file FILE [--Platform:DataDirectory DIR] [--Platform:Keys:KeyEncryptionKeyFile OLD]\n" +
        "  FILE holds the new 32-byte key (e.g. head -c 32 /dev/urandom > FILE). Run it with the server stopped, with the configuration the server uses.";

    private const string Action = "keys.rewrap";
    private const string Target = "software-keys";

    public static async Task<int> RunAsync(string[] args)
    {
        var fileIndex = Array.IndexOf(args, "--new-kek-file");
        if (args.FirstOrDefault() != "rewrap" || fileIndex < 1 || fileIndex + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var newKekFile = args[fileIndex + 1];
        var configuration = args[1..].Where((_, i) => i + 1 != fileIndex && i + 1 != fileIndex + 1).ToArray();
        byte[]? newKek = null;
        PlatformOptions? options = null;
        RewrapResult result;
        try
        {
            await using (var app = PlatformHost.Build(configuration))
            {
                options = app.Services.GetRequiredService<IOptions<PlatformOptions>>().Value;
                newKek = await File.ReadAllBytesAsync(newKekFile);
                result = await SoftwareKeyRewrap.RunAsync(options, newKek, app.Services);
            }
        }
        catch (Exception e) when (IsRefusal(e) || e is DbException)
        {
            var unrecorded = HasTrail(options) ? await RecordFailureAsync(configuration, newKek, e.Message) : null;
            await Console.Error.WriteLineAsync($"The keys were not re-encrypted: {e.Message}" +
                (unrecorded is null ? "" : $"\nThe audit trail could not record the failure: {unrecorded}"));
            return 1;
        }

        // The keys, the audit checkpoint key among them, are now under the new key-encryption key,
        // which the configuration may not name yet: the trail is opened with it.
        var details = new Dictionary<string, string>
        {
            ["rewrapped"] = result.Rewrapped.ToString(CultureInfo.InvariantCulture),
            ["alreadyNew"] = result.AlreadyNew.ToString(CultureInfo.InvariantCulture),
            ["resealed"] = result.Resealed.ToString(CultureInfo.InvariantCulture),
            ["kekInstalled"] = result.InstalledFile is null ? "false" : "true",
            ["dataDirectory"] = options.DataDirectoryPath,
        };
        var notRecorded = HasTrail(options) ? await RecordAsync(WithKek(configuration, newKek), KeysEvents.Create(Action, AuditOutcome.Success, Target, details)) : null;
        Console.WriteLine($"Re-sealed {result.Resealed} secret(s) in the modules' databases; re-encrypted {result.Rewrapped} key file(s), {result.AlreadyNew} were already under the new key-encryption key.");
        if (result.InstalledFile is not null)
        {
            Console.WriteLine($"{result.InstalledFile} now holds the new key; the old one is {result.InstalledFile}.old (delete it once the platform starts).");
        }

        if (result.Instruction is not null)
        {
            Console.WriteLine(result.Instruction);
        }

        if (notRecorded is not null)
        {
            // Done and not undoable, but not confirmed as a success: the trail does not hold it.
            await Console.Error.WriteLineAsync($"The audit trail could not record the re-encryption: {notRecorded}");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Records the failure in the trail. A run that stopped half-way left some keys (perhaps the
    /// checkpoint key) under the new key-encryption key, so the trail is opened with the configured
    /// key first, then with the new one. Returns why it could not be recorded, or null.
    /// </summary>
    private static async Task<string?> RecordFailureAsync(string[] configuration, byte[]? newKek, string reason)
    {
        var failed = KeysEvents.Create(Action, AuditOutcome.Failure, Target, new() { ["reason"] = reason });
        var problem = await RecordAsync(configuration, failed);
        if (problem is not null && newKek is { Length: 32 })
        {
            problem = await RecordAsync(WithKek(configuration, newKek), failed) is { } second ? problem + "; with the new key: " + second : null;
        }

        return problem;
    }

    private static async Task<string?> RecordAsync(string[] configuration, AuditEvent auditEvent)
    {
        try
        {
            await using var app = await KeysHost.OpenAsync(configuration);
            await app.Services.GetRequiredService<IAuditTrail>().RecordAsync(auditEvent);
            return null;
        }
        catch (Exception e) when (IsRefusal(e) || e is DbException or AuditUnavailableException or KeyNotFoundException or KeyStoreUnavailableException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// False when there is no audit trail to record into: an SQLite data directory without its audit
    /// database (nothing was ever started there), where opening one would create a checkpoint key
    /// and a key-encryption key in a directory the refusal promises to leave unchanged.
    /// </summary>
    private static bool HasTrail(PlatformOptions? options) => options is not null &&
        (!string.Equals(options.Storage.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase)
            || File.Exists(Path.Combine(options.DataDirectoryPath, Audit.AuditServiceCollectionExtensions.DatabaseName + ".db")));

    /// <summary>The configuration with the new key-encryption key in place of the configured one (command-line values win).</summary>
    private static string[] WithKek(string[] configuration, byte[]? newKek) =>
        newKek is null ? configuration : [.. configuration, "--Platform:Keys:KeyEncryptionKey", Convert.ToBase64String(newKek)];

    private static bool IsRefusal(Exception e) =>
        e is IOException or InvalidOperationException or UnauthorizedAccessException or CryptographicException;
}
