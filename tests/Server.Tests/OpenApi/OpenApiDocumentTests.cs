using Server.Tests.Hosting;
using System.Text.Json;

namespace Server.Tests.OpenApi;

/// <summary>The OpenAPI description the real host serves: complete, with its security, servers and required members right.</summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Document_EveryOperation_HasSummaryAndUniqueOperationId()
    {
        using var document = await LoadAsync();
        var operations = Operations(document.RootElement).ToList();
        Assert.True(operations.Count >= 90, $"only {operations.Count} operations are described");
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetPropertyOrNull("summary")?.GetString()),
            $"{o.Method} {o.Path} has no summary"));
        var ids = operations.Select(o => o.Operation.GetPropertyOrNull("operationId")?.GetString()).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // The protocol endpoints are described too, not only the JSON APIs.
        foreach (var path in (string[])["/pki/ocsp", "/tsa", "/.well-known/est/simpleenroll", "/acme/new-order", "/pki/cas/{name}/crl"])
        {
            Assert.True(document.RootElement.GetProperty("paths").TryGetProperty(path, out _), $"{path} is not described");
        }
    }

    [Fact]
    public async Task Document_SecuredOperations_ListTheSchemesWithTheirRoles()
    {
        using var document = await LoadAsync();
        var root = document.RootElement;
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("mutualTLS", schemes.GetProperty("mutualTLS").GetProperty("type").GetString());
        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());

        var issue = Operation(root, "/pki/certificates", "post");
        Assert.Equal(["mutualTLS:administrator", "bearer:administrator"], Requirements(issue));
        Assert.True(issue.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(issue.GetProperty("responses").TryGetProperty("403", out _));
        Assert.Equal(["mutualTLS:auditor", "bearer:auditor"], Requirements(Operation(root, "/audit/events", "get")));
        // Any authenticated caller: no role.
        Assert.Equal(["mutualTLS:", "bearer:"], Requirements(Operation(root, "/signatures/verify", "post")));
        // Public protocol endpoints and anonymous reads say they need nothing.
        foreach (var (path, method) in (ValueTuple<string, string>[])[("/pki/ocsp", "post"), ("/tsa", "post"), ("/pki/cas", "get"), ("/acme/new-order", "post")])
        {
            Assert.Empty(Operation(root, path, method).GetProperty("security").EnumerateArray());
        }

        // Every operation that requires authorization in the host lists a requirement.
        var secured = Operations(root).Count(o => o.Operation.GetPropertyOrNull("security")?.GetArrayLength() > 0);
        Assert.True(secured >= 50, $"only {secured} operations list a security requirement");
    }

    [Fact]
    public async Task Document_Servers_AreTheListeners()
    {
        using var document = await LoadAsync();
        var urls = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Equal(Server.Https.GetLeftPart(UriPartial.Authority), urls[0]);
        Assert.Contains(Server.Http.GetLeftPart(UriPartial.Authority), urls);
    }

    [Fact]
    public async Task Document_OptionalMembers_AreNotRequired_RequiredOnesAre()
    {
        using var document = await LoadAsync();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["csr", "profile"], Required(schemas, "IssueRequest"));
        Assert.Equal(["department", "displayName", "login"], Required(schemas, "CreatePersonRequest"));
        Assert.Equal(["clientId", "displayName"], Required(schemas, "RegisterClientRequest"));
        // PATCH: everything optional.
        Assert.Empty(Required(schemas, "UpdatePersonRequest"));
        // A response's null members (not revoked yet, no time-stamp) are optional; the others always there.
        var certificate = Required(schemas, "CertificateResponse");
        Assert.Contains("serialNumber", certificate);
        Assert.DoesNotContain("revokedAt", certificate);
        Assert.DoesNotContain("revocationReason", certificate);
        Assert.DoesNotContain("timestampSerial", Required(schemas, "SignResponse"));
    }

    [Fact]
    public async Task Document_Bodies_AreTypedWithTheirMediaTypes()
    {
        using var document = await LoadAsync();
        var root = document.RootElement;
        Assert.Equal("#/components/schemas/IssueRequest", BodySchema(root, "/pki/certificates", "post", "application/json").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/RegisterClientRequest",
            BodySchema(root, "/identity/clients", "post", "application/json").GetProperty("$ref").GetString());
        BodySchema(root, "/pki/ocsp", "post", "application/ocsp-request");
        BodySchema(root, "/tsa", "post", "application/timestamp-query");
        BodySchema(root, "/.well-known/est/simpleenroll", "post", "application/pkcs10");
        BodySchema(root, "/acme/new-order", "post", "application/jose+json");
        Assert.True(Operation(root, "/pki/ocsp", "post").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/ocsp-response", out _));
        Assert.True(Operation(root, "/pki/cas/{name}/certificate", "get").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/pkix-cert", out _));
        Assert.Equal("request", Operation(root, "/pki/ocsp/{request}", "get").GetProperty("parameters")[0].GetProperty("name").GetString());
        // Refusals are problem details.
        Assert.True(Operation(root, "/pki/certificates", "post").GetProperty("responses").GetProperty("400").GetProperty("content")
            .TryGetProperty("application/problem+json", out _));
    }

    internal static async Task<string> FetchAsync(PlatformServer server)
    {
        using var client = server.HttpClient();
        return await client.GetStringAsync("/openapi/v1.json");
    }

    private async Task<JsonDocument> LoadAsync() => JsonDocument.Parse(await FetchAsync(Server));

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root) =>
        from path in root.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);

    private static JsonElement Operation(JsonElement root, string path, string method) =>
        root.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static List<string> Requirements(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject())
            .Select(s => s.Name + ":" + string.Join(',', s.Value.EnumerateArray().Select(v => v.GetString())))];

    private static List<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).GetPropertyOrNull("required") is { } required
            ? [.. required.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)]
            : [];

    private static JsonElement BodySchema(JsonElement root, string path, string method, string mediaType) =>
        Operation(root, path, method).GetProperty("requestBody").GetProperty("content").GetProperty(mediaType).GetProperty("schema");
}

internal static class JsonElementExtensions
{
    public static JsonElement? GetPropertyOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
