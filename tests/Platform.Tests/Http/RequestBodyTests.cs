using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Tests.Http;

/// <summary>The platform's one body reader, on in-memory requests: media types, caps, encodings and JSON errors.</summary>
public sealed class RequestBodyTests
{
    /// <summary>A body type of this assembly, whose .NET name the serializer's own messages would show.</summary>
    public sealed record Sample(string? Name, IReadOnlyList<string>? Roles, int? Days);

    private static readonly JsonTypeInfo<Sample> SampleType = (JsonTypeInfo<Sample>)JsonSerializerOptions.Web.GetTypeInfo(typeof(Sample));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON; charset=utf-8", true)]
    [InlineData("application/merge-patch+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/jsonx", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Json_MatchesAsAMediaType(string? contentType, bool accepted) =>
        Assert.Equal(accepted, BodyRules.Json(10).Match(contentType) is not null);

    [Fact]
    public void Rules_WithoutJsonSuffix_AcceptOnlyTheirTypes()
    {
        var rules = new BodyRules(10, "text/plain", "application/json");
        Assert.Equal("application/json", rules.Match("application/json;charset=utf-8"));
        Assert.Null(rules.Match("application/problem+json"));
    }

    [Fact]
    public async Task Read_DeclaredLengthOverTheCap_IsTooLargeWithoutReading()
    {
        var context = Request("application/timestamp-query", new ThrowingStream(), length: 11);

        var read = await RequestBody.ReadAsync(context, new BodyRules(10, "application/timestamp-query"));

        Assert.Same(ProblemCodes.BodyTooLarge, read.Failure);
        Assert.Null(read.Body);
    }

    [Fact]
    public async Task Read_UndeclaredLengthOverTheCap_IsTooLarge()
    {
        var context = Request("application/octet-stream", new MemoryStream(new byte[100_000]), length: null);

        var read = await RequestBody.ReadAsync(context, new BodyRules(50_000, "application/octet-stream"));

        Assert.Same(ProblemCodes.BodyTooLarge, read.Failure);
    }

    [Fact]
    public async Task Read_WithinTheCap_GivesTheBytesAndTheMediaType()
    {
        var bytes = Enumerable.Range(0, 9000).Select(i => (byte)i).ToArray();
        var context = Request("text/plain; charset=utf-8", new MemoryStream(bytes), length: null);

        var read = await RequestBody.ReadAsync(context, new BodyRules(9000, "text/plain"));

        Assert.Equal(bytes, read.Body);
        Assert.Equal("text/plain", read.MediaType);
    }

    [Fact]
    public async Task Read_OtherMediaType_IsUnsupported()
    {
        var read = await RequestBody.ReadAsync(Request("application/xml", new MemoryStream([1]), 1), BodyRules.Json(10));

        Assert.Same(ProblemCodes.MediaTypeUnsupported, read.Failure);
    }

    [Theory]
    [InlineData(408, "body-timeout")]
    [InlineData(413, "body-too-large")]
    [InlineData(400, "body-incomplete")]
    public void Describe_ServerRefusal_IsCatalogued(int status, string code) =>
        Assert.Equal(code, RequestBody.Describe(new BadHttpRequestException("Unexpected end of request content.", status)).Code.Value);

    [Theory]
    [InlineData("""{"name": 5}""", "$.name")]
    [InlineData("""{"roles": "clerk"}""", "$.roles")]
    [InlineData("""{"days": "many"}""", "$.days")]
    [InlineData("[1]", "JSON object")]
    [InlineData("null", "JSON object")]
    public async Task Json_WrongShape_NamesThePathNotTheType(string body, string expected)
    {
        var (value, problem) = await RequestBody.ReadJsonAsync(Json(body), SampleType);

        Assert.Null(value);
        var details = Assert.IsType<ProblemHttpResult>(problem).ProblemDetails;
        Assert.Equal("body-invalid", details.Extensions["code"]);
        Assert.Contains(expected, details.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform.", details.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", details.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Sample), details.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": ", "line 1")]
    [InlineData("{\n\"name\" 1}", "line 2")]
    [InlineData("", "line 1")]
    public async Task Json_NotJson_IsJsonInvalidWithItsLine(string body, string expected)
    {
        var (_, problem) = await RequestBody.ReadJsonAsync(Json(body), SampleType);

        var details = Assert.IsType<ProblemHttpResult>(problem).ProblemDetails;
        Assert.Equal("json-invalid", details.Extensions["code"]);
        Assert.Contains(expected, details.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_WellShaped_IsRead()
    {
        var (value, problem) = await RequestBody.ReadJsonAsync(Json("""{"name": "a", "roles": ["clerk"], "days": 3}"""), SampleType);

        Assert.Null(problem);
        Assert.Equal(new Sample("a", value!.Roles, 3), value);
        Assert.Equal(["clerk"], value.Roles!);
    }

    [Fact]
    public async Task Text_NotUtf8_IsEncodingInvalid()
    {
        var (text, _, problem) = await RequestBody.ReadTextAsync(Request("text/plain", new MemoryStream([0x41, 0xC3, 0x28]), 3), new BodyRules(10, "text/plain"));

        Assert.Null(text);
        Assert.Equal("encoding-invalid", Assert.IsType<ProblemHttpResult>(problem).ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public async Task Text_ByteOrderMark_IsDropped()
    {
        var (text, _, problem) = await RequestBody.ReadTextAsync(Request("text/plain", new MemoryStream([0xEF, 0xBB, 0xBF, 0x41]), 4), new BodyRules(10, "text/plain"));

        Assert.Null(problem);
        Assert.Equal("A", text);
    }

    private static DefaultHttpContext Json(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Request("application/json", new MemoryStream(bytes), bytes.Length);
    }

    private static DefaultHttpContext Request(string contentType, Stream body, long? length)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Protocol = "HTTP/1.1";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = length;
        context.Request.Body = body;
        return context;
    }

    /// <summary>A body that must not be read.</summary>
    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("read");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new InvalidOperationException("read");
    }
}
