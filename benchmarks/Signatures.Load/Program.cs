using Issuance.Load;
using Signatures.Load;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SealLoadOptions.Usage);
    return 0;
}

SealLoadOptions options;
try
{
    options = SealLoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SealLoadOptions.Usage);
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"machine     {MachineInfo.Describe()}");
Console.WriteLine($"date        {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"load        HTTP/1.1 mTLS, {options.Connections} keep-alive connections, warm-up {options.Warmup.TotalSeconds}s, measured {options.Duration.TotalSeconds}s, "
    + $"{options.Documents} documents of {options.DocumentBytes} bytes, defaults (durable audit, default logging)");

var documents = Enumerable.Range(0, options.Documents).Select(_ => RandomNumberGenerator.GetBytes(options.DocumentBytes)).ToList();
byte[] SignBody(byte[] document, string level) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
{
    ["content"] = Convert.ToBase64String(document),
    ["detached"] = false,
    ["level"] = level,
    ["seal"] = SealSetup.Department,
});

await using var server = await ServerProcess.StartAsync(ServerLocator.Find(options.ServerPath), null, auditLog: true, CancellationToken.None);
Console.WriteLine($"server      started at {server.Https} over {server.DataDirectory}");
using var clients = new AdminClientFactory(server.DataDirectory, server.Https, http2: false);
using (var admin = clients.Create())
{
    await SealSetup.CreateAsync(admin, clients.AdminSerial);
}

var connections = Enumerable.Range(0, options.Connections).Select(_ => clients.Create()).ToList();
var work = Directory.CreateTempSubdirectory("signatures-load-").FullName;
try
{
    // Signatures to verify: B-LT, so the reports are made from the revocation data they carry.
    var samples = new List<byte[]>();
    foreach (var document in documents.Take(16))
    {
        using var response = await connections[0].PostAsync("signatures/sign", new ByteArrayContent(SignBody(document, "B-LT")) { Headers = { ContentType = new("application/json") } });
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("B-LT signing failed: " + answer.ToJsonString());
        }

        samples.Add(JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["signature"] = answer["signature"]!.GetValue<string>() }));
    }

    static void Passed(byte[] report)
    {
        if (JsonNode.Parse(report)?["indication"]?.GetValue<string>() != "TOTAL-PASSED")
        {
            throw new InvalidOperationException("A verification report did not pass: " + System.Text.Encoding.UTF8.GetString(report));
        }
    }

    var bb = documents.Select(d => SignBody(d, "B-B")).ToList();
    var bt = documents.Select(d => SignBody(d, "B-T")).ToList();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var speedBefore = await OpenSslReferences.SpeedAsync(options.ReferenceSeconds);
        var builder = InProcessSealing.Measure(documents, TimeSpan.FromSeconds(options.ReferenceSeconds));
        var sealsBb = await RequestLoop.RunAsync(connections, "signatures/sign", bb, options.Warmup, options.Duration, () => server.ProcessorTime);
        var sealsBt = await RequestLoop.RunAsync(connections, "signatures/sign", bt, options.Warmup, options.Duration, () => server.ProcessorTime);
        var reports = await RequestLoop.RunAsync(connections, "signatures/verify", samples, options.Warmup, options.Duration, () => server.ProcessorTime, Passed);
        var cms = await OpenSslReferences.CmsSignAsync(work, documents, options.OpenSslDocuments);
        var speedAfter = await OpenSslReferences.SpeedAsync(options.ReferenceSeconds);
        var speed = (speedBefore + speedAfter) / 2;
        string Line(string name, RequestLoop.Result r) => string.Create(invariant,
            $"  {name,-22} {r.PerSecond,8:F0}/s  p50 {r.P50.TotalMilliseconds,6:F1} ms  p99 {r.P99.TotalMilliseconds,6:F1} ms  server CPU {r.ServerCpuEach.TotalMicroseconds,6:F0} us each");
        Console.WriteLine($"round {round}");
        Console.WriteLine(string.Create(invariant, $"  openssl speed          {speedBefore,8:F0} / {speedAfter,8:F0} P-256 sign/s (before / after, -multi {Environment.ProcessorCount})"));
        Console.WriteLine(string.Create(invariant, $"  openssl cms -sign      {cms,8:F1} documents/s ({options.OpenSslDocuments} documents, {Environment.ProcessorCount} at a time, one process each)"));
        Console.WriteLine(string.Create(invariant, $"  B-B builder in process {builder,7:F0}/s  (CAdES B-B of the same documents, software P-256 key, {Environment.ProcessorCount} threads, no HTTP or audit)"));
        Console.WriteLine(Line("seal B-B", sealsBb));
        Console.WriteLine(Line("seal B-T", sealsBt));
        Console.WriteLine(Line("verify B-LT report", reports));
        Console.WriteLine(string.Create(invariant,
            $"  ratios                 builder/speed {builder / speed:F3}  B-B/speed {sealsBb.PerSecond / speed:F3}  B-T/speed {sealsBt.PerSecond / speed:F3}  B-B/cms {sealsBb.PerSecond / cms:F1}  B-T/cms {sealsBt.PerSecond / cms:F1}"));
    }
}
finally
{
    foreach (var connection in connections)
    {
        connection.Dispose();
    }

    Directory.Delete(work, recursive: true);
}

return 0;
