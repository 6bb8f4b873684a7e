using System.Text;
using System.Text.Json;
using Audit.Events;

namespace Audit.Tests.Events;

public sealed class AuditRecordEncoderTests
{
    private static readonly AuditRecord Sample = new()
    {
        Index = 42,
        Time = new DateTimeOffset(2026, 11, 26, 14, 35, 7, 123, TimeSpan.FromHours(8)),
        Actor = new AuditActor { Subject = "CN=Alice,O=City", Serial = "0a1b2c" },
        Action = "pki.certificate.issue",
        Target = "7f3e",
        Outcome = AuditOutcome.Success,
        SourceAddress = "192.0.2.7",
        RequestId = "req-1",
        Module = "Pki.Ca",
        Details = Details("""{"profile":"tls-server","sans":["a.example","b.example"],"days":90,"ok":true,"note":null}"""),
    };

    [Fact]
    public void Encode_SampleRecord_MatchesDocumentedBytes()
    {
        var result = AuditRecordEncoder.Encode(Sample);

        Assert.True(result.IsSuccess);
        Assert.Equal(
            """{"action":"pki.certificate.issue","actor":{"serial":"0a1b2c","subject":"CN=Alice,O=City"},"details":{"days":90,"note":null,"ok":true,"profile":"tls-server","sans":["a.example","b.example"]},"index":42,"module":"Pki.Ca","outcome":"success","requestId":"req-1","sourceAddress":"192.0.2.7","target":"7f3e","time":"2026-11-26T06:35:07.123Z","v":1}""",
            Encoding.UTF8.GetString(result.Bytes!));
        Assert.Equal(
            "47a8647e70d5606ee4fc8cd97f78c7a09589fa8be5b69fca336d12c6b861038d",
            Convert.ToHexStringLower(Audit.Merkle.Rfc6962.HashLeaf(result.Bytes)));
    }

    [Fact]
    public void Encode_OptionalFieldsAbsent_OmitsThem()
    {
        var record = Sample with { Target = null, SourceAddress = null, RequestId = null, Actor = new AuditActor(), Details = new Dictionary<string, JsonElement>() };

        var text = Encoding.UTF8.GetString(AuditRecordEncoder.Encode(record).Bytes!);

        Assert.Equal(
            """{"action":"pki.certificate.issue","actor":{},"details":{},"index":42,"module":"Pki.Ca","outcome":"success","time":"2026-11-26T06:35:07.123Z","v":1}""",
            text);
    }

    [Fact]
    public void Encode_Rfc8785SortingExample_SortsByUtf16CodeUnits()
    {
        // RFC 8785 §3.2.3: U+1F600 is a surrogate pair (D83D DE00) and so sorts before U+FB33.
        var record = Sample with
        {
            Details = Details("""{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"""),
        };

        var text = Encoding.UTF8.GetString(AuditRecordEncoder.Encode(record).Bytes!);

        Assert.Contains(
            "\"details\":{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ControlAndQuoteCharacters_EscapesLikeJsonStringify()
    {
        var record = Sample with { Target = "a\"b\\c\b\f\n\r\t\u0001\u001f\u007f/\u2028é" };

        var text = Encoding.UTF8.GetString(AuditRecordEncoder.Encode(record).Bytes!);

        Assert.Contains("\"target\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\u007f/\u2028é\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SameDetailsInAnotherOrder_GivesSameBytes()
    {
        var reordered = Sample with { Details = Details("""{"ok":true,"note":null,"sans":["a.example","b.example"],"days":90,"profile":"tls-server"}""") };

        Assert.Equal(AuditRecordEncoder.Encode(Sample).Bytes, AuditRecordEncoder.Encode(reordered).Bytes);
    }

    [Theory]
    [InlineData("""{"n":1.5}""", EncodingError.UnsupportedNumber)]
    [InlineData("""{"n":1e2}""", EncodingError.UnsupportedNumber)]
    [InlineData("""{"n":1.0}""", EncodingError.UnsupportedNumber)]
    [InlineData("""{"n":9007199254740992}""", EncodingError.UnsupportedNumber)]
    [InlineData("""{"n":{"a":1,"a":2}}""", EncodingError.DuplicateKey)]
    [InlineData("""{"s":"\ud800"}""", EncodingError.InvalidString)]
    [InlineData("""{"Password":"x"}""", EncodingError.SecretLikeDetail)]
    [InlineData("""{"private_key":"x"}""", EncodingError.SecretLikeDetail)]
    [InlineData("""{"d":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}""", EncodingError.TooDeep)]
    public void Encode_UnsupportedDetails_ReturnsError(string details, EncodingError expected)
    {
        var result = AuditRecordEncoder.Encode(Sample with { Details = Details(details) });

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Encode_InvalidFields_ReturnsError()
    {
        Assert.Equal(EncodingError.InvalidField, AuditRecordEncoder.Encode(Sample with { Index = -1 }).Error);
        Assert.Equal(EncodingError.InvalidField, AuditRecordEncoder.Encode(Sample with { Action = "" }).Error);
        Assert.Equal(EncodingError.TimeNotWholeMilliseconds, AuditRecordEncoder.Encode(Sample with { Time = Sample.Time.AddTicks(1) }).Error);
        Assert.Equal(EncodingError.InvalidString, AuditRecordEncoder.Encode(Sample with { Target = "\ud800x" }).Error);
        Assert.Equal(EncodingError.TooLarge, AuditRecordEncoder.Encode(Sample with { Target = new string('x', 70_000) }).Error);
    }

    [Fact]
    public void Encode_NegativeZeroAndLargestSafeInteger_AreCanonical()
    {
        var text = Encoding.UTF8.GetString(AuditRecordEncoder.Encode(Sample with { Details = Details("""{"a":-0,"b":-9007199254740991}""") }).Bytes!);

        Assert.Contains("\"details\":{\"a\":0,\"b\":-9007199254740991}", text, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Details(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var details = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            details[property.Name] = property.Value.Clone();
        }

        return details;
    }
}
