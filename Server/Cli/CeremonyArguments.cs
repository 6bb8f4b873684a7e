using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Ceremonies;
using Platform.Cryptography;
using System.Globalization;

namespace Server.Cli;

/// <summary>
/// The arguments of a key ceremony step: its verb (two words), its own options, and the
/// configuration options (those with ':', handed to the host). Wrong values are refusals
/// (<see cref="CeremonyException"/>), each naming the option.
/// </summary>
internal sealed class CeremonyArguments
{
    private readonly CommandArguments options;

    private CeremonyArguments(string verb, CommandArguments options, string[] configuration) =>
        (Verb, this.options, Configuration) = (verb, options, configuration);

    public string Verb { get; }

    public string[] Configuration { get; }

    public string? this[string name] => options[name];

    public static CeremonyArguments Parse(string[] args)
    {
        var verb = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Take(2));
        var own = new List<string>();
        var configuration = new List<string>();
        for (var i = verb.Split(' ').Length; i < args.Length; i++)
        {
            var target = args[i].Contains(':', StringComparison.Ordinal) && args[i].StartsWith("--", StringComparison.Ordinal) ? configuration : own;
            target.Add(args[i]);
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                target.Add(args[++i]);
            }
        }

        return new CeremonyArguments(verb, new CommandArguments(own), [.. configuration]);
    }

    /// <summary>What the step acts on, for its audit event when it is refused.</summary>
    public string Target => options["name"] ?? options["ca"] ?? options["issuer"] ?? options["supersedes"] ?? options["crl"] ?? "";

    public string Required(string name) =>
        options[name] is { Length: > 0 } value ? value : throw new CeremonyException($"--{name} is required.\n{PkiCeremonyCommand.Usage}");

    public int Days(int fallback) =>
        options["validity-days"] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new CeremonyException($"--validity-days '{text}' is not a number of days.");

    public int? Days() => options["validity-days"] is null ? null : Days(0);

    public X509Name? Subject() => options["subject"] is not { } dn ? null : Name(dn);

    public KeyAlgorithm? Algorithm() =>
        options["algorithm"] is not { } name ? null
        : KeyAlgorithmNames.TryParse(name, out var algorithm) ? algorithm
        : throw new CeremonyException($"--algorithm '{name}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");

    /// <summary>The content of the file an option names.</summary>
    public async Task<byte[]?> FileAsync(string name)
    {
        if (options[name] is not { Length: > 0 } path)
        {
            return null;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CeremonyException($"--{name} '{path}' does not exist.");
        }

        // Certificates and CRLs only: a CRL of a million entries is some tens of megabytes.
        return info.Length > MaxFileBytes
            ? throw new CeremonyException($"--{name} '{path}' is larger than {MaxFileBytes / (1024 * 1024)} MiB.")
            : await File.ReadAllBytesAsync(path);
    }

    private const long MaxFileBytes = 128L * 1024 * 1024;

    private static X509Name Name(string dn)
    {
        try
        {
            return new X509Name(dn);
        }
        catch (ArgumentException e)
        {
            throw new CeremonyException($"--subject '{dn}' is not a distinguished name ({e.Message}).");
        }
    }
}
