using System.Text;
using System.Text.Json;
using Audit.Events;

namespace Audit.Tests.Events;

public sealed class AuditRecordDecoderTests
{
    private const string Canonical =
        """{"action":"authz.decide","actor":{"clientId":"portal","user":"bob"},"details":{"policies":["p1"],"x":{"a":-3,"b":"\u0001"}},"index":7,"module":"Pmi.Authorization","outcome":"denied","time":"2026-01-02T03:04:05.006Z","v":1}""";

    [Fact]
    public void TryDecode_CanonicalEntry_RoundTrips()
    {
        var bytes = Encoding.UTF8.GetBytes(Canonical);

        var record = AuditRecordDecoder.TryDecode(bytes);

        Assert.NotNull(record);
        Assert.Equal(7, record.Index);
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal("bob", record.Actor.User);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero), record.Time);
        Assert.Equal(bytes, AuditRecordEncoder.Encode(record).Bytes);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\"v\":1,")]
    [InlineData("\"target\":null,")]
    [InlineData("\"extra\":1,")]
    public void TryDecode_NonCanonicalSpelling_ReturnsNull(string insertion)
    {
        var text = Canonical.Insert(1, insertion);

        Assert.Null(AuditRecordDecoder.TryDecode(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("\"v\":1", "\"v\":2")]
    [InlineData(".006Z", "Z")]
    [InlineData(".006Z", ".006+00:00")]
    [InlineData("\\u0001", "\\u0001\\/")]
    [InlineData("\\u0001", "\\U0001")]
    [InlineData("\"denied\"", "\"Denied\"")]
    [InlineData("-3", "-3.0")]
    [InlineData("\"index\":7", "\"index\":\"7\"")]
    [InlineData("\"actor\":{\"clientId\":\"portal\",\"user\":\"bob\"}", "\"actor\":{\"user\":\"bob\",\"clientId\":\"portal\"}")]
    public void TryDecode_AlteredEntry_ReturnsNull(string from, string to)
    {
        var text = Canonical.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Canonical, text);

        Assert.Null(AuditRecordDecoder.TryDecode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void TryDecode_RandomDamage_NeverThrows()
    {
        var original = Encoding.UTF8.GetBytes(Canonical);
        var random = new Random(13);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var bytes = original.ToArray();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);

            var record = AuditRecordDecoder.TryDecode(bytes);

            if (record is not null)
            {
                Assert.Equal(bytes, AuditRecordEncoder.Encode(record).Bytes);
            }
        }
    }

    [Fact]
    public void TryDecode_Garbage_ReturnsNull()
    {
        Assert.Null(AuditRecordDecoder.TryDecode([]));
        Assert.Null(AuditRecordDecoder.TryDecode("[]"u8));
        Assert.Null(AuditRecordDecoder.TryDecode("{"u8));
        Assert.Null(AuditRecordDecoder.TryDecode(Encoding.UTF8.GetBytes(new string('[', 100))));
        Assert.Null(AuditRecordDecoder.TryDecode(JsonSerializer.SerializeToUtf8Bytes(new { v = 1 })));
    }
}
