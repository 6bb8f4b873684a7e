using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Server.Tests.Acme;

/// <summary>
/// A small ACME client that builds every JWS itself, so that tests can send what certbot and lego
/// never would: a forged signature, a replayed nonce, a wrong url, a MAC instead of a signature.
/// The certbot and lego runs prove the protocol with real clients; this one proves the refusals.
/// </summary>
public sealed class AcmeJwsClient(HttpClient http, ECDsa? key = null) : IDisposable
{
    // A key given is the caller's to dispose; one the client made is its own.
    private readonly bool ownsKey = key is null;
    private JsonElement? directory;

    public ECDsa Key { get; private set; } = key ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The account URL, once new-account answered one.</summary>
    public string? AccountUrl { get; set; }

    public HttpClient Http => http;

    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static JsonObject JwkOf(ECDsa key)
    {
        var p = key.ExportParameters(false);
        return new JsonObject { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = Encode(p.Q.X), ["y"] = Encode(p.Q.Y) };
    }

    /// <summary>RFC 7638 thumbprint of the key.</summary>
    public static string Thumbprint(ECDsa key) => Encode(SHA256.HashData(Encoding.UTF8.GetBytes(JwkOf(key).ToJsonString())));

    public string KeyAuthorization(string token) => token + "." + Thumbprint(Key);

    public async Task<string> UrlAsync(string name)
    {
        if (directory is null)
        {
            using var response = await http.GetAsync("/acme/directory");
            directory = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        return directory.Value.GetProperty(name).GetString()!;
    }

    public async Task<string> NonceAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, await UrlAsync("newNonce"));
        using var response = await http.SendAsync(request);
        return response.Headers.GetValues("Replay-Nonce").Single();
    }

    /// <summary>A flattened JWS of <paramref name="payload"/> (null: POST-as-GET) signed by <paramref name="signer"/> (the client's key when null).</summary>
    public static string Sign(ECDsa signer, JsonObject header, string payload)
    {
        var protectedPart = Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payloadPart = Encode(Encoding.UTF8.GetBytes(payload));
        var signature = signer.SignData(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new JsonObject { ["protected"] = protectedPart, ["payload"] = payloadPart, ["signature"] = Encode(signature) }.ToJsonString();
    }

    /// <summary>The protected header the client would send to <paramref name="url"/>: by kid once it has an account, else with its jwk.</summary>
    public async Task<JsonObject> HeaderAsync(string url, bool jwk = false) => new()
    {
        ["alg"] = "ES256",
        ["nonce"] = await NonceAsync(),
        ["url"] = url,
        [jwk || AccountUrl is null ? "jwk" : "kid"] = jwk || AccountUrl is null ? JwkOf(Key) : AccountUrl,
    };

    /// <summary>POSTs <paramref name="payload"/> (null: POST-as-GET) to <paramref name="url"/>.</summary>
    public async Task<AcmeAnswer> PostAsync(string url, object? payload, bool jwk = false) =>
        await SendAsync(url, Sign(Key, await HeaderAsync(url, jwk), payload is null ? "" : JsonSerializer.Serialize(payload)));

    /// <summary>POSTs a body as it is, as <c>application/jose+json</c> unless told otherwise.</summary>
    public async Task<AcmeAnswer> SendAsync(string url, string body, string contentType = "application/jose+json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(url, content);
        return await AcmeAnswer.ReadAsync(response);
    }

    /// <summary>Creates the account (with an External Account Binding of <paramref name="kid"/> and <paramref name="macKey"/>, when given).</summary>
    public async Task<AcmeAnswer> NewAccountAsync(string? kid = null, byte[]? macKey = null, bool onlyReturnExisting = false)
    {
        var url = await UrlAsync("newAccount");
        var payload = new JsonObject { ["termsOfServiceAgreed"] = true, ["contact"] = new JsonArray("mailto:ops@example.test") };
        if (onlyReturnExisting)
        {
            payload["onlyReturnExisting"] = true;
        }

        if (kid is not null)
        {
            payload["externalAccountBinding"] = JsonNode.Parse(ExternalAccountBinding(kid, macKey!, url, JwkOf(Key)));
        }

        var answer = await SendAsync(url, Sign(Key, await HeaderAsync(url, jwk: true), payload.ToJsonString()));
        if (answer.Headers.Location is { } location)
        {
            AccountUrl = location.ToString();
        }

        return answer;
    }

    /// <summary>RFC 8555 §7.3.4: the account key, MAC'd with HS256 under the binding key.</summary>
    public static string ExternalAccountBinding(string kid, byte[] macKey, string url, JsonObject jwk)
    {
        var header = Encode(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "HS256", ["kid"] = kid, ["url"] = url }.ToJsonString()));
        var payload = Encode(Encoding.UTF8.GetBytes(jwk.ToJsonString()));
        var mac = HMACSHA256.HashData(macKey, Encoding.ASCII.GetBytes(header + "." + payload));
        return new JsonObject { ["protected"] = header, ["payload"] = payload, ["signature"] = Encode(mac) }.ToJsonString();
    }

    public async Task<AcmeAnswer> NewOrderAsync(params string[] names) =>
        await PostAsync(await UrlAsync("newOrder"), new { identifiers = names.Select(n => new { type = "dns", value = n }).ToArray() });

    /// <summary>A CSR for <paramref name="names"/> (the first also the common name) under a fresh P-256 key; base64url DER.</summary>
    public static string Csr(ECDsa key, params string[] names)
    {
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var sans = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            sans.AddDnsName(name);
        }

        request.CertificateExtensions.Add(sans.Build());
        return Encode(request.CreateSigningRequest());
    }

    public void ReplaceKey(ECDsa key) => Key = key;

    public void Dispose()
    {
        if (ownsKey)
        {
            Key.Dispose();
        }

        http.Dispose();
    }
}

/// <summary>An ACME server's answer: status, headers, body, and the body as JSON when it is.</summary>
public sealed record AcmeAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The problem type's last part (<c>badNonce</c> of <c>urn:ietf:params:acme:error:badNonce</c>).</summary>
    public string? Problem => ContentType == "application/problem+json" ? Json.GetProperty("type").GetString()!["urn:ietf:params:acme:error:".Length..] : null;

    public static async Task<AcmeAnswer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());

    public override string ToString() => $"{(int)Status} {Body}";
}
