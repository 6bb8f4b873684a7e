using Issuance.Load;
using System.Diagnostics;
using System.Globalization;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"machine     {MachineInfo.Describe()}");
Console.WriteLine($"date        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
var unit = options.GetPath is null ? "issuances" : "requests";
var protocol = options.Http2 ? $"HTTP/2, {options.Connections} connections x {options.Streams} streams" : $"HTTP/1.1, {options.Connections} keep-alive connections";
var what = options.GetPath is null ? $"profile {options.Profile}" : $"GET {options.GetPath} (host floor, no issuance)";
Console.WriteLine($"load        {protocol}, warm-up {options.Warmup.TotalSeconds}s, measured {options.Duration.TotalSeconds}s (cap {options.MaxRequests}), {what}, audit log {(options.AuditLog ? "on" : "off")}");

var pool = Stopwatch.StartNew();
var csrs = CsrPool.Create(options.CsrCount, options.Profile);
Console.WriteLine($"csrs        {csrs.Count} P-256 requests with distinct subjects in {pool.Elapsed.TotalSeconds:F1}s");

// The reference runs with the machine otherwise idle, before and after the load, so a drift in
// what the shared cores can give shows up as a difference between the two.
var (referenceBefore, cpuPerReferenceBefore) = SignVerifyReference.Measure(options.ReferenceDuration);
Console.WriteLine(string.Create(invariant,
    $"reference   {referenceBefore:F0} P-256 sign+verify/s on {Environment.ProcessorCount} threads, {cpuPerReferenceBefore.TotalMicroseconds:F0} us CPU each (before the load)"));

ServerProcess? server = null;
var phases = new List<Phase>();
try
{
    Uri https;
    string dataDirectory;
    if (options.Url is null)
    {
        server = await ServerProcess.StartAsync(ServerLocator.Find(options.ServerPath), options.DataDirectory, options.AuditLog, CancellationToken.None);
        https = server.Https;
        dataDirectory = server.DataDirectory;
        Console.WriteLine($"server      started at {https} over {dataDirectory}");
    }
    else
    {
        https = options.Url;
        dataDirectory = options.DataDirectory!;
    }

    using var clients = new AdminClientFactory(dataDirectory, https, options.Http2);
    var estCsrs = options.Est ? CsrPool.Create(options.CsrCount, options.Profile, est: true) : null;
    // Rounds alternate the two loads, so a neighbour's burst on the shared cores does not land on one of them only.
    for (var round = 1; round <= options.Rounds; round++)
    {
        phases.Add(await MeasureAsync(options.GetPath is null ? "POST /pki/certificates" : $"GET {options.GetPath}", new LoadRunner(options, csrs, clients.Create)));
        if (estCsrs is not null)
        {
            var setup = Stopwatch.StartNew();
            var setupClients = Enumerable.Range(0, Math.Min(options.Connections, 8)).Select(_ => clients.Create()).ToArray();
            EstSecrets secrets;
            try
            {
                secrets = await EstSecrets.CreateAsync(setupClients, clients.AdminSerial, options.Profile, options.Secrets);
            }
            finally
            {
                foreach (var client in setupClients)
                {
                    client.Dispose();
                }
            }

            Console.WriteLine(string.Create(invariant, $"est         {secrets.Count} one-time enrollment secrets for round {round} in {setup.Elapsed.TotalSeconds:F1}s"));
            phases.Add(await MeasureAsync("EST simpleenroll", new LoadRunner(options, estCsrs, clients.Create, secrets)));
        }
    }

    async Task<Phase> MeasureAsync(string name, LoadRunner runner)
    {
        var self = Environment.ProcessId;
        TimeSpan serverAtStart = TimeSpan.Zero, clientAtStart = TimeSpan.Zero;
        var result = await runner.RunAsync(() =>
        {
            serverAtStart = server?.ProcessorTime ?? TimeSpan.Zero;
            clientAtStart = ProcessCpu.Of(self);
        });
        return new Phase(name, result, (server?.ProcessorTime ?? TimeSpan.Zero) - serverAtStart, ProcessCpu.Of(self) - clientAtStart);
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}

var (referenceAfter, cpuPerReferenceAfter) = SignVerifyReference.Measure(options.ReferenceDuration);
var reference = (referenceBefore + referenceAfter) / 2;
var cpuPerReference = (cpuPerReferenceBefore + cpuPerReferenceAfter) / 2;
Console.WriteLine(string.Create(invariant,
    $"reference   {referenceAfter:F0} P-256 sign+verify/s on {Environment.ProcessorCount} threads, {cpuPerReferenceAfter.TotalMicroseconds:F0} us CPU each (after the load)"));
foreach (var (name, result, serverCpu, clientCpu) in phases)
{
    Console.WriteLine();
    Console.WriteLine($"phase       {name}");
    Console.WriteLine(string.Create(invariant, $"issued      {result.Issued} in {result.Window.TotalSeconds:F2}s, {result.Failed} failed"));
    foreach (var (kind, count) in result.FailuresByKind)
    {
        Console.WriteLine($"  failure   {kind}: {count}");
    }

    if (result.FirstFailure is not null)
    {
        Console.WriteLine($"  first     {result.FirstFailure}");
    }

    Console.WriteLine(string.Create(invariant, $"latency     p50 {result.P50.TotalMilliseconds:F1} ms, p99 {result.P99.TotalMilliseconds:F1} ms, max {result.Max.TotalMilliseconds:F1} ms"));
    if (result.Issued > 0)
    {
        var seconds = result.Window.TotalSeconds;
        Console.WriteLine(string.Create(invariant,
            $"cpu         server {serverCpu.TotalMicroseconds / result.Issued:F0} us/{unit[..^1]} ({serverCpu.TotalSeconds / seconds:F2} cores), load generator {clientCpu.TotalMicroseconds / result.Issued:F0} us/{unit[..^1]} ({clientCpu.TotalSeconds / seconds:F2} cores)"));
        // Wall-clock rates move with whatever else the shared cores run; CPU per operation moves far less.
        var cpuPerIssue = (serverCpu + clientCpu) / result.Issued;
        Console.WriteLine(string.Create(invariant,
            $"cpu ratio   one {unit[..^1]} costs {cpuPerIssue / cpuPerReference:F2} sign+verify pairs of CPU (server + load generator); " +
            $"{Environment.ProcessorCount} idle cores would allow about {Environment.ProcessorCount / cpuPerIssue.TotalSeconds:F0} {unit}/s"));
    }
}

var (directRate, directCpu) = Totals(phases.Where(p => p.Name != "EST simpleenroll"));
Console.WriteLine(string.Create(invariant, $"RESULT      {directRate:F0} {unit}/s | reference {reference:F0} sign+verify/s | ratio {directRate / reference:F3}"));
if (options.Est)
{
    var (estRate, estCpu) = Totals(phases.Where(p => p.Name == "EST simpleenroll"));
    Console.WriteLine(string.Create(invariant,
        $"RESULT EST  {estRate:F0} simpleenroll/s | direct {directRate:F0} issuances/s | EST/direct {estRate / directRate:F3} (goal 0.8) | " +
        $"CPU per direct issuance / per EST enrollment {directCpu / estCpu:F3}"));
}

return phases.All(p => p.Result.Failed == 0) ? 0 : 1;

// Rate over all the phases' windows, and CPU (server + load generator) per operation.
static (double Rate, TimeSpan CpuPerOperation) Totals(IEnumerable<Phase> phases)
{
    var list = phases.ToList();
    var issued = list.Sum(p => p.Result.Issued);
    var seconds = list.Sum(p => p.Result.Window.TotalSeconds);
    var cpu = list.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.ServerCpu + p.ClientCpu);
    return (issued / seconds, issued == 0 ? TimeSpan.Zero : cpu / issued);
}

/// <summary>One measured load: what it sent, what it got, and the CPU the server and the load generator spent in its window.</summary>
internal sealed record Phase(string Name, LoadResult Result, TimeSpan ServerCpu, TimeSpan ClientCpu);
