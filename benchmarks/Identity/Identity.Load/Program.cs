using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Identity.Load;
using Issuance.Load;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

string serverPath;
try
{
    serverPath = ServerLocator.Find(options.ServerPath);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine($"Identity.Load: {e.Message}");
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
var cpus = Environment.ProcessorCount;
Console.WriteLine($"machine     {MachineInfo.Describe()}");
Console.WriteLine($"date        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine(string.Create(invariant,
    $"load        HTTP/1.1, {options.Connections} keep-alive connections with tls_client_auth, warm-up {options.Warmup.TotalSeconds}s + {options.PhaseDuration.TotalSeconds}s per phase, {options.Rounds} rounds; platform with its defaults (durable audit trail, {(options.QuietLog ? "but Warning-only logging: a diagnosis, not a result" : "Information logging")})"));

// The signing reference runs with nothing else of ours busy, before and after the load; their
// mean is the limit, their difference shows how much the shared machine drifted.
var (signsBefore, opensslMissing) = OpensslSpeed.Measure(options.ReferenceSeconds, cpus);
Console.WriteLine(signsBefore is { } b ? string.Create(invariant, $"openssl     {b:F0} ECDSA P-256 sign/s on {cpus} processes (before the load)") : $"openssl     not measured: {opensslMissing}");

ServerProcess? server = null;
OidcProviderProcess? oidcProvider = null;
ReferencePki? referencePki = null;
X509Certificate2? applicationCertificate = null;
var failed = 0L;
var missing = new List<string>();
if (opensslMissing is not null)
{
    missing.Add(opensslMissing);
}

Provider platform;
Provider? reference = null;
try
{
    server = await ServerProcess.StartAsync(serverPath, null, auditLog: !options.QuietLog, CancellationToken.None);
    Console.WriteLine($"platform    {server.Https} over {server.DataDirectory}");
    using var administrators = new AdminClientFactory(server.DataDirectory, server.Https, http2: false);
    applicationCertificate = await PlatformApplication.RegisterAsync(administrators);
    using var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(server.DataDirectory, "root-ca.pem"));
    using var issuing = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(server.DataDirectory, "issuing-ca.pem"));
    var running = server;
    platform = new Provider("platform", new CertificateClientFactory(applicationCertificate, root, issuing, server.Https),
        TokenCalls.Platform(Application.ClientId, Application.Scope), () => running.ProcessorTime);
    platform.IntrospectionToken = await Phases.FirstTokenAsync(platform);

    var (folder, nodeMissing) = OidcProviderProcess.Install();
    if (folder is null)
    {
        Console.WriteLine($"oidc-provider not measured: {nodeMissing}");
        missing.Add(nodeMissing!);
    }
    else
    {
        referencePki = ReferencePki.Create();
        oidcProvider = await OidcProviderProcess.StartAsync(folder, referencePki.Directory, options.Workers);
        Console.WriteLine($"reference   oidc-provider {oidcProvider.Https}, node cluster of {options.Workers} workers, in-memory store");
        var node = oidcProvider;
        reference = new Provider("oidc-provider", new CertificateClientFactory(referencePki.Client, referencePki.Root, null, oidcProvider.Https),
            TokenCalls.OidcProvider(Application.ClientId, Application.Scope), () => node.ProcessorTime)
        {
            IntrospectionToken = oidcProvider.IntrospectionToken,
        };
    }

    Console.WriteLine();
    await Phases.RunAsync(options, reference is null ? [platform] : [platform, reference]);
    failed = platform.Tokens.Concat(platform.Introspections).Concat(reference?.Tokens ?? []).Concat(reference?.Introspections ?? []).Sum(r => r.Failed);
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or FileNotFoundException or IOException)
{
    // A set-up or pre-flight that failed: the run measured nothing worth printing.
    Console.Error.WriteLine($"Identity.Load: {e.Message}");
    if (oidcProvider is not null && oidcProvider.Errors.Length > 0)
    {
        Console.Error.WriteLine($"oidc-provider said: {oidcProvider.Errors[^Math.Min(2000, oidcProvider.Errors.Length)..]}");
    }

    return 1;
}
finally
{
    if (oidcProvider is not null)
    {
        await oidcProvider.DisposeAsync();
    }

    if (server is not null)
    {
        await server.DisposeAsync();
    }

    referencePki?.Dispose();
    applicationCertificate?.Dispose();
}

var (signsAfter, _) = OpensslSpeed.Measure(options.ReferenceSeconds, cpus);
if (signsAfter is { } a)
{
    Console.WriteLine(string.Create(invariant, $"\nopenssl     {a:F0} ECDSA P-256 sign/s on {cpus} processes (after the load)"));
}

double? signs = signsBefore is { } before && signsAfter is { } after ? (before + after) / 2 : signsBefore ?? signsAfter;

var defaults = Argon2Cost.Defaults;
Console.WriteLine(string.Create(invariant, $"\nArgon2id    platform defaults: {defaults.MemoryKiB} KiB, {defaults.Iterations} passes, {defaults.Parallelism} lane (Konscious.Security.Cryptography, in process)"));
var (oneThread, one, oneCpu) = Argon2Cost.InProcess(options.Argon2Duration, 1);
var (allThreads, each, eachCpu) = Argon2Cost.InProcess(options.Argon2Duration, cpus);
Console.WriteLine(string.Create(invariant, $"  1 thread      {one.TotalMilliseconds:F1} ms per check ({oneCpu.TotalMilliseconds:F1} ms CPU), {oneThread:F1} checks/s"));
Console.WriteLine(string.Create(invariant, $"  {cpus} threads     {each.TotalMilliseconds:F1} ms per check ({eachCpu.TotalMilliseconds:F1} ms CPU), {allThreads:F1} checks/s"));
var (cli, cliMissing) = Argon2Cost.Cli(options.Argon2CliRuns);
Console.WriteLine(cli is { } c
    ? string.Create(invariant, $"  argon2 CLI    {c.TotalMilliseconds:F1} ms CPU per hash (median of {options.Argon2CliRuns} runs of its own clock() timing; same hash as ours); ours ÷ CLI by CPU {oneCpu / c:F2}")
    : $"  argon2 CLI    not measured: {cliMissing}");
if (cliMissing is not null)
{
    missing.Add(cliMissing);
}

Console.WriteLine();
ResultsTable.Print(platform, reference, signs, cpus);
if (failed > 0)
{
    Console.WriteLine($"{failed} requests failed: the figures above are not valid.");
    return 1;
}

if (options.IsSmoke && missing.Count > 0)
{
    Console.WriteLine($"smoke run: a reference could not run: {string.Join("; ", missing)}");
    return 3;
}

return 0;
