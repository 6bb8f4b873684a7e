using Acme.Load;
using Issuance.Load;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(AcmeLoadOptions.Usage);
    return 0;
}

AcmeLoadOptions options;
try
{
    options = AcmeLoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(AcmeLoadOptions.Usage);
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"machine     {MachineInfo.Describe()}");
Console.WriteLine($"date        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"server      {options.Directory}");
var bound = options.Count == int.MaxValue ? $"measured {options.Duration.TotalSeconds}s" : $"{options.Count} measured orders (at most {options.Duration.TotalSeconds}s)";
Console.WriteLine($"load        {options.Concurrency} workers, {options.Accounts} accounts, warm-up {options.Warmup.TotalSeconds}s, {bound}, http-01 on 127.0.0.1:{options.ValidationPort}");

var pool = Stopwatch.StartNew();
var csrs = CsrPool.Create(options.CsrCount, options.Suffix);
Console.WriteLine($"csrs        {csrs.Count} P-256 requests for names under {options.Suffix} in {pool.Elapsed.TotalSeconds:F1}s");

using var transport = new AcmeTransport(options.CaBundle);
await transport.LoadDirectoryAsync(options.Directory);
if (transport.Directory.Meta?.ExternalAccountRequired == true && options.EabKeyId is null)
{
    Console.Error.WriteLine("The server requires external account binding: give --eab-kid and --eab-hmac.");
    return 2;
}

await using var responder = await ChallengeResponder.StartAsync(IPAddress.Loopback, options.ValidationPort);
var accounts = new List<AcmeAccount>();
try
{
    var registering = Stopwatch.StartNew();
    accounts.AddRange(await Task.WhenAll(Enumerable.Range(0, options.Accounts)
        .Select(_ => AcmeAccount.RegisterAsync(transport, options.EabKeyId, options.EabHmacKey))));
    Console.WriteLine($"accounts    {accounts.Count} ES256 accounts registered in {registering.Elapsed.TotalSeconds:F1}s");

    var flow = new OrderFlow(transport, responder, options.PollInterval, options.OrderTimeout);
    // One order outside the measurement, so a broken set-up (validation port, resolver, trust) fails loudly first.
    await flow.RunAsync(accounts[0], csrs.Next());

    var report = await new OrderLoadRunner(options, transport, flow, accounts, csrs).RunAsync();
    Console.WriteLine();
    Console.WriteLine(string.Create(invariant, $"orders      {report.Orders} complete in {report.WindowSeconds:F2}s, {report.Failed} failed, {report.UnfinishedAtWindowEnd} in flight when the window closed, {report.BadNonceRetries} badNonce retries"));
    foreach (var (kind, count) in report.FailuresByKind)
    {
        Console.WriteLine($"  failure   {kind}: {count}");
    }

    if (report.FirstFailure is not null)
    {
        Console.WriteLine($"  first     {report.FirstFailure}");
    }

    Console.WriteLine(string.Create(invariant, $"latency     p50 {report.P50Milliseconds:F1} ms, p99 {report.P99Milliseconds:F1} ms, max {report.MaxMilliseconds:F1} ms (newOrder to certificate)"));
    Console.WriteLine(string.Create(invariant, $"RESULT      {report.OrdersPerSecond:F1} orders/s | p50 {report.P50Milliseconds:F0} ms | p99 {report.P99Milliseconds:F0} ms | {report.Failed} failed"));
    if (options.JsonFile is not null)
    {
        await File.WriteAllBytesAsync(options.JsonFile, JsonSerializer.SerializeToUtf8Bytes(report, AcmeJsonContext.Default.LoadReport));
    }

    return report.Failed == 0 && report.Orders > 0 ? 0 : 1;
}
catch (AcmeFailure e)
{
    Console.Error.WriteLine($"set-up failed: {e.Kind}: {e.Message}");
    return 1;
}
finally
{
    foreach (var account in accounts)
    {
        account.Dispose();
    }
}
