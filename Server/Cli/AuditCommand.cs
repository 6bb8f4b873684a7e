using Audit.Checkpoints;
using Audit.Verification;
using System.Globalization;

namespace Server.Cli;

/// <summary>
/// <c>audit verify</c> checks the whole log and <c>audit prove --index N</c> one event's
/// inclusion, either offline against a deployment's database (<c>--data-dir DIR</c>, or the
/// PostgreSQL configuration the server uses) or online against a running server
/// (<c>--url URL --cert PEM --key PEM --ca PEM</c>, an officer's certificate). <c>--verifier-key</c>,
/// <c>--checkpoint</c> (with <c>--timestamp</c>) and <c>--ca</c> bring trust from outside the log; the
/// checkpoints' time-stamp tokens are checked against <c>--ca</c>, so the time the log had each size
/// does not rest on the server's clock. Exit status 0 only when everything
/// verifies (or the event is proven), 1 when something does not, 2 for bad usage.
/// </summary>
internal static class AuditCommand
{
    public const string Summary = "audit verify | audit prove --index N, with --data-dir DIR or --url URL --cert C --key K --ca ROOT; " +
        "--verifier-key KEY, --checkpoint FILE and --timestamp FILE pin trust (see 'audit' for usage).";

    private const string Usage =
        "Usage: audit verify (--data-dir DIR | --Platform:Storage:Provider PostgreSql --Platform:Storage:ConnectionString CS\n" +
        "                     | --url https://HOST:5001 --cert CERT.pem --key KEY.pem --ca ROOT.pem)\n" +
        "                    [--verifier-key KEY|FILE] [--checkpoint FILE [--timestamp FILE]] [--ca ROOT.pem]\n" +
        "       audit verify --checkpoint FILE --timestamp FILE --verifier-key KEY|FILE --ca ROOT.pem\n" +
        "       audit prove --index N (the same storage or --url options) [--verifier-key KEY|FILE] [--checkpoint FILE]\n" +
        "  --verifier-key  the log's key as GET /audit/verifier-key served it (name+hash+base64key), or a file holding it;\n" +
        "                  the log must use exactly this key.\n" +
        "  --checkpoint    a checkpoint saved earlier (the body of GET /audit/checkpoint); the log must still extend it.\n" +
        "  --timestamp     the checkpoint's time-stamp token saved with it (GET /audit/checkpoint/timestamp?size=N: a TimeStampResp,\n" +
        "                  or the DER token); alone with --checkpoint, only the two files are checked, without the log.\n" +
        "  --ca            the platform's root: time-stamp tokens must chain to it (offline default: DIR/root-ca.pem).";

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault();
        var options = verb is "verify" or "prove" ? AuditCommandOptions.Parse(args[1..]) : null;
        var online = options?.Has("--url") == true;
        // Neither a log nor a server: the saved checkpoint and its token are checked on their own.
        var filesOnly = options is not null && verb == "verify" && !online && !AuditStorage.IsSelected(options)
            && options.Has("--checkpoint") && options.Has("--timestamp");
        if (options is null || (!filesOnly && online == AuditStorage.IsSelected(options)) || (online && options.Has("--data-dir"))
            || (verb == "prove") != options.Has("--index") || (options.Has("--timestamp") && (!options.Has("--checkpoint") || verb == "prove"))
            || (filesOnly && (!options.Has("--verifier-key") || !options.Has("--ca"))))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (online && AuditHttpClient.Check(options) is { } advice)
        {
            await Console.Error.WriteLineAsync(advice);
            return 2;
        }

        long index = 0;
        if (verb == "prove" && !long.TryParse(options["--index"], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            await Console.Error.WriteLineAsync("--index must be an entry index: a whole number from 0.");
            return 2;
        }

        var anchors = await ReadAnchorsAsync(options);
        if (anchors is null)
        {
            return 2;
        }

        try
        {
            if (filesOnly)
            {
                Console.WriteLine($"Verifying the saved checkpoint {options["--checkpoint"]} and its time-stamp token {options["--timestamp"]}");
                var report = SavedCheckpointVerifier.Verify(anchors);
                report.WriteTo(Console.Out);
                return report.Verified ? 0 : 1;
            }

            return verb == "verify" ? await VerifyAsync(options, online, anchors) : await ProveAsync(options, online, index, anchors);
        }
        catch (HttpRequestException e) when (AuditHttpClient.Explain(e) is { } explanation)
        {
            await Console.Error.WriteLineAsync($"NOT VERIFIED: {explanation}");
            return 1;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException or System.Data.Common.DbException
            or System.Security.Cryptography.CryptographicException or UriFormatException or InvalidOperationException
            or KeyNotFoundException or FormatException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"NOT VERIFIED: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> VerifyAsync(AuditCommandOptions options, bool online, VerificationAnchors anchors)
    {
        VerificationReport report;
        if (online)
        {
            Console.WriteLine($"Verifying the audit log of {options["--url"]} (online)");
            using var client = AuditHttpClient.Create(options);
            report = await OnlineVerifier.VerifyAsync(client, anchors);
        }
        else
        {
            Console.WriteLine($"Verifying the audit log in {AuditStorage.Describe(options)} (offline, read-only)");
            await using var connection = await AuditStorage.OpenAsync(options);
            report = await DatabaseVerifier.VerifyAsync(connection, anchors);
        }

        report.WriteTo(Console.Out);
        return report.Verified ? 0 : 1;
    }

    private static async Task<int> ProveAsync(AuditCommandOptions options, bool online, long index, VerificationAnchors anchors)
    {
        InclusionReport report;
        if (online)
        {
            using var client = AuditHttpClient.Create(options);
            report = await InclusionProver.ProveAsync(client, index, anchors);
        }
        else
        {
            await using var connection = await AuditStorage.OpenAsync(options);
            report = await InclusionProver.ProveAsync(connection, index, anchors);
        }

        report.WriteTo(Console.Out);
        return report.Proven ? 0 : 1;
    }

    /// <summary>The pinned key and saved checkpoint; null (after saying why) when one cannot be read.</summary>
    private static async Task<VerificationAnchors?> ReadAnchorsAsync(AuditCommandOptions options)
    {
        NoteVerifierKey? pinned = null;
        if (options["--verifier-key"] is { } keyOption)
        {
            var text = File.Exists(keyOption) ? (await File.ReadAllTextAsync(keyOption)).Trim() : keyOption.Trim();
            var parsed = NoteVerifierKey.Parse(text);
            if (!parsed.IsSuccess)
            {
                await Console.Error.WriteLineAsync(
                    $"--verifier-key is neither a verifier key (name+hash+base64key, as GET /audit/verifier-key serves it) nor a file holding one ({parsed.Error}).");
                return null;
            }

            pinned = parsed.Value;
        }

        string? saved = null;
        if (options["--checkpoint"] is { } checkpointFile)
        {
            if (!File.Exists(checkpointFile))
            {
                await Console.Error.WriteLineAsync($"--checkpoint {checkpointFile}: no such file (save one with: curl -o FILE http://HOST:5000/audit/checkpoint).");
                return null;
            }

            saved = await File.ReadAllTextAsync(checkpointFile);
        }

        byte[]? savedTimeStamp = null;
        if (options["--timestamp"] is { } timestampFile)
        {
            if (!File.Exists(timestampFile))
            {
                await Console.Error.WriteLineAsync(
                    $"--timestamp {timestampFile}: no such file (save one with: curl -o FILE 'http://HOST:5000/audit/checkpoint/timestamp?size=N').");
                return null;
            }

            savedTimeStamp = await File.ReadAllBytesAsync(timestampFile);
        }

        var root = TimeStampRoot(options);
        AuditTimeStampVerifier? timeStamps = null;
        if (root is not null && File.Exists(root))
        {
            timeStamps = AuditTimeStampVerifier.FromPemFile(root);
            if (timeStamps is null)
            {
                await Console.Error.WriteLineAsync($"--ca {root}: no PEM certificate in it.");
                return null;
            }
        }
        else if (savedTimeStamp is not null)
        {
            await Console.Error.WriteLineAsync("--timestamp needs the root its TSA must chain to: --ca ROOT.pem (the platform's data/root-ca.pem).");
            return null;
        }

        return new VerificationAnchors(pinned, saved, timeStamps, savedTimeStamp);
    }

    /// <summary>
    /// The root time-stamp tokens must chain to: <c>--ca</c>, else the data directory's
    /// <c>root-ca.pem</c> for a SQLite log; none for PostgreSQL, whose tokens are then not checked.
    /// </summary>
    private static string? TimeStampRoot(AuditCommandOptions options) =>
        options["--ca"] ?? (options.Has("--data-dir") ? Path.Combine(options["--data-dir"]!, "root-ca.pem") : null);
}
