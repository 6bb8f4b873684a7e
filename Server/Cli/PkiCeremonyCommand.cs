using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Ceremonies;
using Pki.Ca.Hierarchy;
using Platform.Cryptography;
using Platform.Hosting;
using Server.Hosting;
using System.Globalization;

namespace Server.Cli;

/// <summary>
/// The key ceremony steps of <c>pki</c>: <c>root create</c>, <c>ca sign</c>, <c>ca rollover</c>
/// and <c>crl sign</c>. Each runs on the data directory its configuration names (a server's, or
/// an offline root's own), with the server stopped, creates no CA it was not asked for, and is
/// audited in that directory's audit trail.
/// </summary>
internal static class PkiCeremonyCommand
{
    public const string Usage = """
        Usage (server stopped; add the configuration the data directory uses, e.g. --Platform:DataDirectory DIR):
          pki root create --name NAME [--hierarchy H] --subject DN [--algorithm ALG] [--validity-days N] --out ROOT.pem
          pki ca sign --issuer ROOT --csr REQUEST.csr [--validity-days N] --out CA.pem
          pki ca rollover --ca NAME [--validity-days N] [--subject DN] [--out-dir DIR]
          pki crl sign --ca NAME --out CA.crl
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (verb, options, configuration) = Split(args);
        if (verb is not ("root create" or "ca sign" or "ca rollover" or "crl sign"))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            await using var app = PlatformHost.Build(configuration);
            // The key store and the audit trail only: a ceremony creates no CA it is not asked for.
            foreach (var task in app.Services.GetServices<IStartupTask>().Where(t => t.Order <= 10).OrderBy(t => t.Order))
            {
                await task.RunAsync(CancellationToken.None);
            }

            await app.Services.GetRequiredService<CeremonyLoader>().LoadAsync();
            return verb switch
            {
                "root create" => await CreateRootAsync(app.Services, options),
                "ca sign" => await SignCaAsync(app.Services, options),
                "ca rollover" => await RolloverAsync(app.Services, options, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value),
                _ => await SignCrlAsync(app.Services, options),
            };
        }
        catch (Exception e) when (e is CeremonyException or IOException or InvalidOperationException or ArgumentException or NotSupportedException
            or System.Data.Common.DbException or UnauthorizedAccessException or Platform.Auditing.AuditUnavailableException)
        {
            await Console.Error.WriteLineAsync($"pki {verb}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateRootAsync(IServiceProvider services, CommandArguments options)
    {
        var name = Required(options, "name");
        var algorithmName = options["algorithm"] ?? "ECDSA-P256";
        if (!KeyAlgorithmNames.TryParse(algorithmName, out var algorithm))
        {
            throw new CeremonyException($"--algorithm '{algorithmName}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
        }

        var hierarchy = options["hierarchy"] ?? (name.EndsWith("-root", StringComparison.Ordinal) ? name[..^5] : name);
        var root = await services.GetRequiredService<RootCeremony>().CreateRootAsync(
            name, hierarchy, Subject(Required(options, "subject")), algorithm, Days(options, 20 * 365));
        await File.WriteAllTextAsync(Required(options, "out"), root.Pem);
        Console.WriteLine($"Created root CA {root.Name} ({root.Certificate.SubjectDN}, {root.AlgorithmName}, key {root.SigningKey.Id}); certificate: {options["out"]}");
        return 0;
    }

    private static async Task<int> SignCaAsync(IServiceProvider services, CommandArguments options)
    {
        var csr = await File.ReadAllTextAsync(Required(options, "csr"));
        var certificate = await services.GetRequiredService<RootCeremony>().SignCaAsync(Required(options, "issuer"), csr, Days(options, 10 * 365));
        await File.WriteAllTextAsync(Required(options, "out"), PemText.Certificate(certificate.GetEncoded()));
        Console.WriteLine($"Signed CA certificate {certificate.SerialNumber.ToString(16)} for {certificate.SubjectDN}, valid until {certificate.NotAfter:u}: {options["out"]}");
        return 0;
    }

    private static async Task<int> RolloverAsync(IServiceProvider services, CommandArguments options, PlatformOptions platform)
    {
        var subject = options["subject"] is { } dn ? Subject(dn) : null;
        var days = options["validity-days"] is null ? (int?)null : Days(options, 0);
        var result = await services.GetRequiredService<CaRollover>().RolloverAsync(Required(options, "ca"), days, subject);
        var directory = options["out-dir"] ?? platform.DataDirectoryPath;
        var certificateFile = Path.Combine(directory, result.Successor.Name + "-ca.pem");
        await File.WriteAllTextAsync(certificateFile, result.Successor.Pem);
        Console.WriteLine($"CA {result.Previous.Name} is superseded by {result.Successor.Name} (key {result.Successor.SigningKey.Id}), valid until {result.Successor.Certificate.NotAfter:u}: {certificateFile}");
        if (result.Links.Count > 0)
        {
            var linksFile = Path.Combine(directory, result.Successor.Name + "-ca-links.pem");
            await File.WriteAllTextAsync(linksFile, string.Concat(result.Links.Select(l => PemText.Certificate(l.GetEncoded()))));
            Console.WriteLine($"Link certificates (new-with-old, old-with-new): {linksFile}");
        }

        Console.WriteLine($"Restart the server: new certificates under '{result.Previous.Name}' then come from {result.Successor.Name}.");
        return 0;
    }

    private static async Task<int> SignCrlAsync(IServiceProvider services, CommandArguments options)
    {
        var crl = await services.GetRequiredService<RootCeremony>().SignCrlAsync(Required(options, "ca"));
        var output = Required(options, "out");
        await File.WriteAllBytesAsync(output, crl.Der);
        Console.WriteLine($"Signed CRL {crl.Number} of {crl.CaName}, next update {crl.NextUpdate:u}: {output}");
        return 0;
    }

    /// <summary>The verb (two words), the ceremony's own options, and the configuration options (those with ':').</summary>
    private static (string Verb, CommandArguments Options, string[] Configuration) Split(string[] args)
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

        return (verb, new CommandArguments(own), [.. configuration]);
    }

    private static string Required(CommandArguments options, string name) =>
        options[name] is { Length: > 0 } value ? value : throw new CeremonyException($"--{name} is required.\n{Usage}");

    private static int Days(CommandArguments options, int fallback) =>
        options["validity-days"] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new CeremonyException($"--validity-days '{text}' is not a number of days.");

    private static X509Name Subject(string dn)
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
