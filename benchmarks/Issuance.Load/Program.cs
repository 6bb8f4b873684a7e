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
LoadResult result;
TimeSpan serverCpu = TimeSpan.Zero, clientCpu = TimeSpan.Zero;
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
    var runner = new LoadRunner(options, csrs, clients.Create);
    var self = Environment.ProcessId;
    TimeSpan serverAtStart = TimeSpan.Zero, clientAtStart = TimeSpan.Zero;
    result = await runner.RunAsync(() =>
    {
        serverAtStart = server?.ProcessorTime ?? TimeSpan.Zero;
        clientAtStart = ProcessCpu.Of(self);
    });
    serverCpu = (server?.ProcessorTime ?? TimeSpan.Zero) - serverAtStart;
    clientCpu = ProcessCpu.Of(self) - clientAtStart;
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
Console.WriteLine();
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

Console.WriteLine(string.Create(invariant, $"RESULT      {result.IssuedPerSecond:F0} {unit}/s | reference {reference:F0} sign+verify/s | ratio {result.IssuedPerSecond / reference:F3}"));
return result.Failed == 0 ? 0 : 1;
