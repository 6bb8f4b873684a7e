using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pki.Ca.Ceremonies;
using Pki.Ca.Hierarchy;
using Platform.Auditing;
using Platform.Hosting;
using Server.Hosting;

namespace Server.Cli;

/// <summary>
/// The key ceremony steps of <c>pki</c>. Where a root's key is: <c>root create</c>, <c>ca sign</c>,
/// <c>crl sign</c>; on a server whose root is kept offline: <c>ca request</c>, <c>ca install</c>,
/// <c>crl import</c>; anywhere the keys are: <c>ca rollover</c>. Each runs on the data directory
/// its configuration names, with the server stopped, creates no CA it was not asked for, and is
/// audited in that directory's audit trail, refusals included.
/// </summary>
internal static class PkiCeremonyCommand
{
    public const string Usage = """
        Usage (server stopped; add the configuration the data directory uses, e.g. --Platform:DataDirectory DIR):
        where the root's key is:
          pki root create --name NAME [--hierarchy H] --subject DN [--algorithm ALG] [--validity-days N] --out ROOT.pem
          pki ca sign --issuer ROOT --csr REQUEST.csr [--validity-days N] --out CA.pem
          pki crl sign --ca NAME --out CA.crl [--delta-out CA-delta.crl]
        on a server whose root is offline:
          pki ca request (--name NAME --subject DN [--hierarchy H] [--algorithm ALG] | --supersedes NAME [--subject DN]) --out REQUEST.csr
          pki ca install --name NAME --certificate CA.pem [--root ROOT.pem --root-name ROOT]
          pki ca install --name ROOT.2 --certificate ROOT.2.pem --links ROOT.2-ca-links.pem
          pki crl import --crl ROOT.crl [--delta ROOT-delta.crl]
        where the keys of the CA and its parent are:
          pki ca rollover --ca NAME [--validity-days N] [--subject DN] [--out-dir DIR]
        """;

    /// <summary>Each step and the audit action it records, done or refused.</summary>
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["root create"] = "ca.create",
        ["ca sign"] = "certificate.issue",
        ["crl sign"] = "crl.sign",
        ["ca request"] = "ca.request",
        ["ca install"] = "ca.install",
        ["crl import"] = "crl.import",
        ["ca rollover"] = "ca.rollover",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CeremonyArguments.Parse(args);
        if (!Actions.TryGetValue(arguments.Verb, out var action))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            await using var app = PlatformHost.Build(arguments.Configuration);
            // The key store and the audit trail only: a ceremony creates no CA it is not asked for.
            foreach (var task in app.Services.GetServices<IStartupTask>().Where(t => t.Order <= 10).OrderBy(t => t.Order))
            {
                await task.RunAsync(CancellationToken.None);
            }

            await app.Services.GetRequiredService<CeremonyLoader>().LoadAsync();
            try
            {
                return await RunStepAsync(app.Services, arguments);
            }
            catch (CeremonyException e)
            {
                // Refused before anything changed: the attempt is on the record too.
                await app.Services.GetRequiredService<IAuditTrail>().RecordAsync(CeremonyEvents.Refused(action, arguments.Target, e.Message));
                throw;
            }
        }
        catch (Exception e) when (e is CeremonyException or IOException or InvalidOperationException or ArgumentException or NotSupportedException
            or System.Data.Common.DbException or UnauthorizedAccessException or AuditUnavailableException)
        {
            await Console.Error.WriteLineAsync($"pki {arguments.Verb}: {e.Message}");
            return 1;
        }
    }

    private static Task<int> RunStepAsync(IServiceProvider services, CeremonyArguments arguments) => arguments.Verb switch
    {
        "root create" => CreateRootAsync(services, arguments),
        "ca sign" => SignCaAsync(services, arguments),
        "crl sign" => SignCrlAsync(services, arguments),
        "ca request" => RequestCaAsync(services, arguments),
        "ca install" => InstallCaAsync(services, arguments),
        "crl import" => ImportCrlAsync(services, arguments),
        _ => RolloverAsync(services, arguments),
    };

    private static async Task<int> CreateRootAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var name = arguments.Required("name");
        var hierarchy = arguments["hierarchy"] ?? (name.EndsWith("-root", StringComparison.Ordinal) ? name[..^5] : name);
        var root = await services.GetRequiredService<RootCeremony>().CreateRootAsync(
            name, hierarchy, arguments.Subject() ?? throw new CeremonyException("--subject is required."),
            arguments.Algorithm() ?? Platform.Cryptography.KeyAlgorithm.EcdsaP256, arguments.Days(20 * 365));
        var output = arguments.Required("out");
        await File.WriteAllTextAsync(output, root.Pem);
        Console.WriteLine($"Created root CA {root.Name} ({root.Certificate.SubjectDN}, {root.AlgorithmName}, key {root.SigningKey.Id}); certificate: {output}");
        return 0;
    }

    private static async Task<int> SignCaAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var csr = await File.ReadAllTextAsync(arguments.Required("csr"));
        var certificate = await services.GetRequiredService<RootCeremony>().SignCaAsync(arguments.Required("issuer"), csr, arguments.Days(10 * 365));
        var output = arguments.Required("out");
        await File.WriteAllTextAsync(output, PemText.Certificate(certificate.GetEncoded()));
        Console.WriteLine($"Signed CA certificate {certificate.SerialNumber.ToString(16)} for {certificate.SubjectDN}, valid until {certificate.NotAfter:u}: {output}");
        return 0;
    }

    private static async Task<int> SignCrlAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var output = arguments.Required("out");
        var deltaOutput = arguments["delta-out"] ?? Path.ChangeExtension(output, null) + "-delta.crl";
        var (full, delta) = await services.GetRequiredService<RootCeremony>().SignCrlAsync(arguments.Required("ca"));
        await File.WriteAllBytesAsync(output, full.Der);
        await File.WriteAllBytesAsync(deltaOutput, delta.Der);
        Console.WriteLine($"Signed CRL {full.Number} of {full.CaName}, next update {full.NextUpdate:u}: {output}; its delta CRL {delta.Number}: {deltaOutput}");
        return 0;
    }

    private static async Task<int> RequestCaAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var output = arguments.Required("out");
        var (name, csr, keyId) = await services.GetRequiredService<OfflineRootInstallation>().RequestAsync(
            arguments["name"], arguments["supersedes"], arguments["hierarchy"], arguments.Subject(), arguments.Algorithm());
        await File.WriteAllTextAsync(output, csr);
        Console.WriteLine($"Made key {keyId} for CA {name}; its request: {output}");
        Console.WriteLine($"Have the root sign it ('pki ca sign --issuer ROOT --csr {Path.GetFileName(output)} --out {name}-ca.pem' where its key is), then: "
            + $"pki ca install --name {name} --certificate {name}-ca.pem [--root ROOT.pem --root-name ROOT]");
        return 0;
    }

    private static async Task<int> InstallCaAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var name = arguments.Required("name");
        var certificate = await arguments.FileAsync("certificate") ?? throw new CeremonyException("--certificate is required.");
        if (await arguments.FileAsync("links") is { } links)
        {
            var generation = await services.GetRequiredService<OfflineRootInstallation>().InstallRootGenerationAsync(name, certificate, links);
            Console.WriteLine($"Installed root {generation.Name} ({generation.Certificate.SubjectDN}, offline) with its link certificates; "
                + $"import its CRLs ('pki crl import --crl {generation.Name}.crl --delta {generation.Name}-delta.crl'), then request the issuing CAs' next generations under it.");
            return 0;
        }

        var (installed, root) = await services.GetRequiredService<OfflineRootInstallation>().InstallAsync(
            name, certificate, await arguments.FileAsync("root"), arguments["root-name"]);
        Console.WriteLine($"Installed CA {installed.Name} ({installed.Certificate.SubjectDN}, key {installed.SigningKey.Id}) under {root.Name}"
            + (root.IsOffline ? " (offline)." : "."));
        Console.WriteLine($"Import the root's CRL ('pki crl import --crl {root.Name}.crl --delta {root.Name}-delta.crl'), then start the server.");
        return 0;
    }

    private static async Task<int> ImportCrlAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var full = await arguments.FileAsync("crl") ?? throw new CeremonyException("--crl is required.");
        var (crl, delta, imported) = await services.GetRequiredService<CrlImport>().ImportAsync(full, await arguments.FileAsync("delta"));
        Console.WriteLine(imported
            ? $"Imported CRL {crl.Number} of {crl.CaName}" + (delta is null ? " (no delta CRL: its delta-crl URL answers 404)" : $" and its delta CRL {delta.Number}") + $", next update {crl.NextUpdate:u}."
            : $"CRL {crl.Number} of {crl.CaName} is stored already; nothing changed.");
        return 0;
    }

    private static async Task<int> RolloverAsync(IServiceProvider services, CeremonyArguments arguments)
    {
        var result = await services.GetRequiredService<CaRollover>().RolloverAsync(arguments.Required("ca"), arguments.Days(), arguments.Subject());
        var directory = arguments["out-dir"] ?? services.GetRequiredService<IOptions<PlatformOptions>>().Value.DataDirectoryPath;
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
}
