using Audit.Events;
using Audit.Export;
using Audit.Storage;
using BenchmarkDotNet.Attributes;
using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Audit.Benchmarks;

/// <summary>
/// The cost of turning one stored entry into a framed syslog message: with the ECS document as
/// body (decode, map, base64 of the entry) against the reference of the canonical entry as body,
/// which does the same decoding for the header; and the ECS document alone, from a decoded
/// record, which is the encoding's own cost. A typical certificate-issue entry (~480 bytes).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SyslogEncodingBenchmarks
{
    private static readonly EcsContext Context = new("ca01.city.example", "ca.city.example/audit", DateTimeOffset.UnixEpoch);
    private readonly ArrayBufferWriter<byte> buffer = new(8192);
    private StoredEntry entry = null!;
    private AuditRecord decoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        var record = new AuditRecord
        {
            Index = 1_234_567,
            Time = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000),
            Actor = new AuditActor { Subject = "CN=Zhang Wei,OU=Registration,O=City of Example", Serial = "5f3a9c0e1d2b4a67", User = "zhang.wei" },
            Action = "certificate.issue",
            Target = "7d1e44a0c3b95f21",
            Outcome = AuditOutcome.Success,
            SourceAddress = "192.0.2.7",
            RequestId = "0HN8QK2V3J1LM:00000004",
            Module = "Pki.Ca",
            Details = new Dictionary<string, JsonElement>
            {
                ["profile"] = JsonSerializer.SerializeToElement("tls-server"),
                ["ca"] = JsonSerializer.SerializeToElement("issuing"),
                ["sans"] = JsonSerializer.SerializeToElement(new[] { "portal.city.example", "www.portal.city.example" }),
            },
        };
        var bytes = AuditRecordEncoder.Encode(record).Bytes!;
        entry = new StoredEntry(record.Index, bytes, SHA256.HashData([0x00, .. bytes]));
        decoded = AuditRecordDecoder.TryDecode(bytes)!;
    }

    [Benchmark(Description = "ECS document alone (record already decoded)")]
    public int EcsDocumentAlone()
    {
        buffer.ResetWrittenCount();
        EcsDocument.Write(entry, decoded, Context, buffer);
        return buffer.WrittenCount;
    }

    [Benchmark(Description = "syslog frame, ECS body")]
    public byte[] Ecs() => SyslogMessage.Frame(entry, SyslogFormat.Ecs, Context, "securityplatform");

    [Benchmark(Baseline = true, Description = "syslog frame, canonical body")]
    public byte[] Canonical() => SyslogMessage.Frame(entry, SyslogFormat.Canonical, Context, "securityplatform");
}
