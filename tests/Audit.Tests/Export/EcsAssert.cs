using Audit.Events;
using Audit.Storage;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Audit.Tests.Export;

/// <summary>The checks every received ECS document must pass, against the entry the store holds.</summary>
internal static class EcsAssert
{
    /// <summary>
    /// The document's ECS fields say what the entry says, and it carries the proof: the canonical
    /// entry in base64 decodes to bytes whose RFC 6962 leaf hash is the one in the message.
    /// </summary>
    public static void Proves(ReceivedMessage message, StoredEntry stored)
    {
        using var document = message.Json();
        var root = document.RootElement;
        var audit = root.GetProperty("securityplatform").GetProperty("audit");
        var entry = Convert.FromBase64String(audit.GetProperty("entry").GetString()!);
        var leafHash = Convert.FromBase64String(audit.GetProperty("leaf_hash").GetString()!);
        Assert.Equal(LeafHash(entry), leafHash);
        Assert.Equal(stored.LeafHash, leafHash);
        Assert.Equal(stored.Entry, entry);
        Assert.Equal(Convert.ToBase64String(leafHash), message.LeafHash);
        Assert.Equal(stored.Index, message.Index);
        Assert.Equal(stored.Index, audit.GetProperty("index").GetInt64());

        var record = AuditRecordDecoder.TryDecode(entry)!;
        Assert.NotNull(record);
        Assert.Equal("8.11.0", root.GetProperty("ecs").GetProperty("version").GetString());
        Assert.Equal(record.Time, DateTimeOffset.Parse(root.GetProperty("@timestamp").GetString()!, CultureInfo.InvariantCulture));
        var @event = root.GetProperty("event");
        Assert.Equal("event", @event.GetProperty("kind").GetString());
        Assert.Equal("securityplatform", @event.GetProperty("module").GetString());
        Assert.Equal("securityplatform.audit", @event.GetProperty("dataset").GetString());
        Assert.Equal(stored.Index, @event.GetProperty("sequence").GetInt64());
        Assert.Equal(record.Action, @event.GetProperty("action").GetString());
        // MSGID holds at most 32 characters (RFC 5424 §6); longer actions are cut there.
        Assert.Equal(record.Action.Length > 32 ? record.Action[..32] : record.Action, message.MessageId);
        Assert.Equal(record.Outcome == AuditOutcome.Success ? "success" : "failure", @event.GetProperty("outcome").GetString());
        Assert.Equal(record.Module, @event.GetProperty("provider").GetString());
        Assert.Equal("securityplatform", root.GetProperty("service").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("host").GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("message").GetString()));
        Assert.Equal(AuditRecordEncoder.OutcomeName(record.Outcome), audit.GetProperty("outcome").GetString());
        Assert.Equal(record.Target, audit.TryGetProperty("target", out var target) ? target.GetString() : null);
        if (record.Actor.User is not null)
        {
            Assert.Equal(record.Actor.User, root.GetProperty("user").GetProperty("name").GetString());
        }

        if (record.SourceAddress is not null)
        {
            Assert.Equal(record.SourceAddress, root.GetProperty("source").GetProperty("ip").GetString());
            Assert.Contains(record.SourceAddress, root.GetProperty("related").GetProperty("ip").EnumerateArray().Select(e => e.GetString()));
        }
    }

    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);
}
