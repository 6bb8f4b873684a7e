namespace Server.Tests.Acme;

/// <summary>
/// The script lego's <c>exec</c> DNS provider calls as <c>present FQDN VALUE</c> and
/// <c>cleanup FQDN VALUE</c>: it sets and clears the TXT record through pebble-challtestsrv's
/// management API, the way a department's own DNS hook would through its DNS server's API.
/// </summary>
public sealed class DnsTxtHook
{
    private DnsTxtHook(IReadOnlyDictionary<string, string> environment) => Environment = environment;

    /// <summary>What lego needs to call the script: its path and how patiently to wait.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Writes the script into <paramref name="directory"/>, aimed at <paramref name="managementUrl"/>.</summary>
    public static DnsTxtHook Write(string directory, Uri managementUrl)
    {
        var path = Path.Combine(directory, "dns-txt-hook.sh");
        // FQDN arrives with its trailing dot ("_acme-challenge.name."), as challtestsrv wants it.
        // Values are base64url (RFC 8555 §8.4), so they need no JSON escaping.
        File.WriteAllText(path, $$"""
            #!/bin/sh
            set -eu
            management='{{managementUrl.ToString().TrimEnd('/')}}'
            case "$1" in
              present) curl -sSf -X POST -d "{\"host\":\"$2\",\"value\":\"$3\"}" "$management/set-txt" ;;
              cleanup) curl -sSf -X POST -d "{\"host\":\"$2\"}" "$management/clear-txt" ;;
              *) echo "unknown command $1" >&2; exit 1 ;;
            esac
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new DnsTxtHook(new Dictionary<string, string>
        {
            ["EXEC_PATH"] = path,
            // lego's defaults poll every 2 s for up to 60 s; challtestsrv answers at once.
            ["EXEC_POLLING_INTERVAL"] = "1",
            ["EXEC_PROPAGATION_TIMEOUT"] = "30",
            // The exec provider solves one name after another with 60 s between them by default
            // (to spare rate-limited DNS APIs): a two-name order would take a minute.
            ["EXEC_SEQUENCE_INTERVAL"] = "1",
        });
    }
}
