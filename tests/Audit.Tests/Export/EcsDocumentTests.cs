using Audit.Events;
using Audit.Export;
using Audit.Storage;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Audit.Tests.Export;

public sealed class EcsDocumentTests
{
    private static readonly EcsContext Context = new("audit-host", "city.example/audit", DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Write_EveryRecordField_LandsInItsEcsFieldAndUnderSecurityplatformAudit()
    {
        var (entry, json) = Document(Record(AuditOutcome.Success));
        var root = json.RootElement;

        Assert.Equal("2026-11-26T14:53:24.625Z", root.GetProperty("@timestamp").GetString());
        Assert.Equal("certificate.issue success: zhang.wei on 序列号-1 (Pki.Ca)", root.GetProperty("message").GetString());
        var e = root.GetProperty("event");
        Assert.Equal(["iam"], e.GetProperty("category").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["creation"], e.GetProperty("type").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Pki.Ca", e.GetProperty("provider").GetString());
        Assert.Equal(41, e.GetProperty("sequence").GetInt64());
        Assert.Equal(6, e.GetProperty("severity").GetInt32());
        Assert.Equal("zhang.wei", root.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("CN=张伟,O=City", root.GetProperty("user").GetProperty("id").GetString());
        var x509 = root.GetProperty("tls").GetProperty("client").GetProperty("x509");
        Assert.Equal("0A1B2C3D", x509.GetProperty("serial_number").GetString());
        Assert.Equal("CN=张伟,O=City", x509.GetProperty("subject").GetProperty("distinguished_name").GetString());
        Assert.Equal("approvals", root.GetProperty("client").GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("2001:db8::7", root.GetProperty("source").GetProperty("ip").GetString());
        Assert.Equal(["zhang.wei", "CN=张伟,O=City", "approvals"], root.GetProperty("related").GetProperty("user").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("req-9", root.GetProperty("http").GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("audit-host", root.GetProperty("host").GetProperty("name").GetString());

        var audit = root.GetProperty("securityplatform").GetProperty("audit");
        Assert.Equal("city.example/audit", audit.GetProperty("origin").GetString());
        Assert.Equal("序列号-1", audit.GetProperty("target").GetString());
        Assert.Equal("0a1b2c3d", audit.GetProperty("actor").GetProperty("serial").GetString());
        Assert.Equal("tls-server", audit.GetProperty("details").GetProperty("profile").GetString());
        Assert.Equal(3, audit.GetProperty("details").GetProperty("sans").GetArrayLength());
        Assert.Equal(entry.Entry, audit.GetProperty("entry").GetBytesFromBase64());
        Assert.Equal(entry.LeafHash, audit.GetProperty("leaf_hash").GetBytesFromBase64());
    }

    [Fact]
    public void Write_Denied_OutcomeFailureAndTypeDenied()
    {
        var record = Record(AuditOutcome.Denied) with { Action = "authorization.decide" };
        var (_, json) = Document(record);
        var e = json.RootElement.GetProperty("event");

        Assert.Equal("failure", e.GetProperty("outcome").GetString());
        Assert.Equal(["info", "denied"], e.GetProperty("type").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("denied", json.RootElement.GetProperty("securityplatform").GetProperty("audit").GetProperty("outcome").GetString());
    }

    [Fact]
    public void Write_NonAsciiText_StaysReadableUtf8()
    {
        var output = new ArrayBufferWriter<byte>();
        var record = Record(AuditOutcome.Success);
        var entry = Stored(record);
        EcsDocument.Write(entry, record, Context, output);

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Contains("\"CN=张伟,O=City\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UndecodableEntry_PipelineErrorWithItsBytesAndHash()
    {
        var entry = new StoredEntry(7, "not json"u8.ToArray(), new byte[32]);
        var output = new ArrayBufferWriter<byte>();
        EcsDocument.Write(entry, null, Context, output);
        using var json = JsonDocument.Parse(output.WrittenMemory);
        var root = json.RootElement;

        Assert.Equal("2026-12-01T08:00:00.000Z", root.GetProperty("@timestamp").GetString());
        Assert.Equal("pipeline_error", root.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal("unknown", root.GetProperty("event").GetProperty("outcome").GetString());
        Assert.Equal(7, root.GetProperty("event").GetProperty("sequence").GetInt64());
        Assert.False(root.TryGetProperty("user", out _));
        var audit = root.GetProperty("securityplatform").GetProperty("audit");
        Assert.False(audit.GetProperty("decoded").GetBoolean());
        Assert.Equal("not json"u8.ToArray(), audit.GetProperty("entry").GetBytesFromBase64());
    }

    [Theory]
    [InlineData("authentication.client-certificate", "authentication", "info")]
    [InlineData("certificate.revoke", "iam", "deletion")]
    [InlineData("policies.update", "configuration", "change")]
    [InlineData("request.forward", "web", "access")]
    [InlineData("seal", null, "info")]
    public void Kinds_Action_MapsToEcsCategoryAndType(string action, string? category, string type)
    {
        Assert.Equal(category, EcsEventKinds.Category(action));
        Assert.Equal(type, EcsEventKinds.Types(action, AuditOutcome.Success).First());
    }

    private static (StoredEntry Entry, JsonDocument Json) Document(AuditRecord record)
    {
        var entry = Stored(record);
        var output = new ArrayBufferWriter<byte>();
        EcsDocument.Write(entry, AuditRecordDecoder.TryDecode(entry.Entry), Context, output);
        return (entry, JsonDocument.Parse(output.WrittenMemory));
    }

    private static StoredEntry Stored(AuditRecord record)
    {
        var bytes = AuditRecordEncoder.Encode(record).Bytes!;
        return new StoredEntry(record.Index, bytes, EcsAssert.LeafHash(bytes));
    }

    private static AuditRecord Record(AuditOutcome outcome) => new()
    {
        Index = 41,
        Time = DateTimeOffset.Parse("2026-11-26T14:53:24.625Z", System.Globalization.CultureInfo.InvariantCulture),
        Actor = new AuditActor { Subject = "CN=张伟,O=City", Serial = "0a1b2c3d", ClientId = "approvals", User = "zhang.wei" },
        Action = "certificate.issue",
        Target = "序列号-1",
        Outcome = outcome,
        SourceAddress = "2001:db8::7",
        RequestId = "req-9",
        Module = "Pki.Ca",
        Details = new Dictionary<string, JsonElement>
        {
            ["profile"] = JsonSerializer.SerializeToElement("tls-server"),
            ["sans"] = JsonDocument.Parse("[\"a.example\",\"b.example\",\"192.0.2.1\"]").RootElement.Clone(),
        },
    };
}
