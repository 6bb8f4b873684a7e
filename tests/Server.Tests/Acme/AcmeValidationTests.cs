using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Server.Tests.Audit;
using Server.Tests.Interop;

namespace Server.Tests.Acme;

/// <summary>
/// Challenges as the platform validates them on loopback, and what follows: a valid challenge
/// makes the order ready, a wrong answer makes it invalid for good, the certificate chains to the
/// platform's root, its renewal information and its revocation (by the account, by its own key).
/// </summary>
[Collection(PlatformAcmeCollection.Name)]
public sealed class AcmeValidationTests(PlatformAcmeFixture platform)
{
    [Fact]
    public async Task Http01_AnsweredRight_MakesTheOrderReady_AndFinalizeIssuesAChainOpenSslVerifies()
    {
        using var client = await AccountAsync();
        var name = NewName();
        var (order, authorization) = await OrderAsync(client, name);
        var http01 = Challenge(authorization, "http-01");

        AcmeAnswer answered;
        using (ChallengeResponders.Http01(platform.HttpValidationPort, http01.GetProperty("token").GetString()!, client.KeyAuthorization(http01.GetProperty("token").GetString()!)))
        {
            answered = await client.PostAsync(http01.GetProperty("url").GetString()!, new { });
        }

        var ready = (await client.PostAsync(order.Headers.Location!.ToString(), null)).Json;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.PostAsync(ready.GetProperty("finalize").GetString()!, new { csr = AcmeJwsClient.Csr(key, name) });
        var chain = await client.PostAsync(finalized.Json.GetProperty("certificate").GetString()!, null);

        Assert.Equal("valid", answered.Json.GetProperty("status").GetString());
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("valid", finalized.Json.GetProperty("status").GetString());
        Assert.Equal("application/pem-certificate-chain", chain.ContentType);
        var files = Path.Combine(platform.NewDirectory(), "chain.pem");
        await File.WriteAllTextAsync(files, chain.Body);
        var verify = await OpenSsl.RunAsync("verify", "-CAfile", platform.RequiringExternalAccount.IssuerRootFile, "-untrusted", files, "-purpose", "sslserver", files);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        using var admin = platform.BoundPlatform.AdminClient();
        var validated = await AuditEvents.ListAsync(admin, "?action=acme.challenge.validate&limit=200");
        Assert.Contains(validated, e => e.GetProperty("outcome").GetString() == "success" && e.GetProperty("details").GetProperty("identifier").GetString() == name);
        var issued = await AuditEvents.ListAsync(admin, "?action=certificate.issue&limit=200");
        Assert.Single(issued, e => e.GetProperty("details").TryGetProperty("acmeOrder", out var id) && order.Headers.Location!.ToString().EndsWith(id.GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Http01_AnsweredWrong_InvalidatesTheAuthorizationAndOrder_ForGood()
    {
        using var client = await AccountAsync();
        var name = NewName();
        var (order, authorization) = await OrderAsync(client, name);
        var http01 = Challenge(authorization, "http-01");

        AcmeAnswer answered;
        using (ChallengeResponders.Http01(platform.HttpValidationPort, http01.GetProperty("token").GetString()!, "not the key authorization"))
        {
            answered = await client.PostAsync(http01.GetProperty("url").GetString()!, new { });
        }

        var again = await client.PostAsync(Challenge(authorization, "dns-01").GetProperty("url").GetString()!, new { });
        var invalid = (await client.PostAsync(order.Headers.Location!.ToString(), null)).Json;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalize = await client.PostAsync(invalid.GetProperty("finalize").GetString()!, new { csr = AcmeJwsClient.Csr(key, name) });

        Assert.Equal("invalid", answered.Json.GetProperty("status").GetString());
        Assert.Equal("urn:ietf:params:acme:error:incorrectResponse", answered.Json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("pending", again.Json.GetProperty("status").GetString());
        Assert.Equal("invalid", invalid.GetProperty("status").GetString());
        Assert.Equal("orderNotReady", finalize.Problem);
    }

    [Fact]
    public async Task Http01_WithNobodyListening_IsAConnectionProblem()
    {
        using var client = await AccountAsync();
        var (_, authorization) = await OrderAsync(client, NewName());

        var answered = await client.PostAsync(Challenge(authorization, "http-01").GetProperty("url").GetString()!, new { });

        Assert.Equal("invalid", answered.Json.GetProperty("status").GetString());
        Assert.Equal("urn:ietf:params:acme:error:connection", answered.Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task TlsAlpn01_WithTheAcmeIdentifierCertificate_IsValid()
    {
        using var client = await AccountAsync();
        var name = NewName();
        var (_, authorization) = await OrderAsync(client, name);
        var challenge = Challenge(authorization, "tls-alpn-01");

        AcmeAnswer answered;
        using (ChallengeResponders.TlsAlpn01(platform.TlsValidationPort, name, client.KeyAuthorization(challenge.GetProperty("token").GetString()!)))
        {
            answered = await client.PostAsync(challenge.GetProperty("url").GetString()!, new { });
        }

        Assert.True(answered.Json.GetProperty("status").GetString() == "valid", answered.ToString());
    }

    [Fact]
    public async Task Finalize_WithACsrForOtherNames_OrTheAccountKey_IsBadCsr_AndIssuesNothing()
    {
        using var client = await AccountAsync();
        var name = NewName();
        var order = await ReadyOrderAsync(client, name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalizeUrl = order.GetProperty("finalize").GetString()!;

        var otherNames = await client.PostAsync(finalizeUrl, new { csr = AcmeJwsClient.Csr(key, name, "extra." + name) });
        var accountKey = await client.PostAsync(finalizeUrl, new { csr = AcmeJwsClient.Csr(client.Key, name) });
        var notDer = await client.PostAsync(finalizeUrl, new { csr = "AAAA" });
        var still = (await client.PostAsync(finalizeUrl[..finalizeUrl.LastIndexOf('/')], null)).Json;

        Assert.Equal("badCSR", otherNames.Problem);
        Assert.Equal("badCSR", accountKey.Problem);
        Assert.Equal("badCSR", notDer.Problem);
        Assert.Equal("ready", still.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RenewalInfo_SuggestsTheLastThird_AndAReplacementOrderIsTakenOnce()
    {
        using var client = await AccountAsync();
        var name = NewName();
        var (certificate, _) = await IssuedAsync(client, name);
        var id = CertificateId(certificate);
        using var http = platform.BoundPlatform.HttpsClient();

        using var info = await http.GetAsync($"/acme/renewal-info/{id}");
        var window = JsonDocument.Parse(await info.Content.ReadAsStringAsync()).RootElement.GetProperty("suggestedWindow");
        var start = window.GetProperty("start").GetDateTimeOffset();
        var replacing = await client.PostAsync(await client.UrlAsync("newOrder"), new { identifiers = new[] { new { type = "dns", value = name } }, replaces = id });
        var twice = await client.PostAsync(await client.UrlAsync("newOrder"), new { identifiers = new[] { new { type = "dns", value = name } }, replaces = id });

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.NotNull(info.Headers.RetryAfter);
        Assert.InRange(start, certificate.NotBefore.AddDays(397 * 2 / 3 - 2), certificate.NotBefore.AddDays(397 * 2 / 3 + 2));
        Assert.True(window.GetProperty("end").GetDateTimeOffset() > start);
        Assert.Equal(HttpStatusCode.Created, replacing.Status);
        Assert.Equal(id, replacing.Json.GetProperty("replaces").GetString());
        Assert.Equal("alreadyReplaced", twice.Problem);
    }

    [Fact]
    public async Task Revocation_ByTheCertificatesOwnKey_Takes_ByAnotherAccount_DoesNot()
    {
        using var client = await AccountAsync();
        using var stranger = await AccountAsync();
        var name = NewName();
        var (certificate, key) = await IssuedAsync(client, name);
        var body = new { certificate = AcmeJwsClient.Encode(certificate.RawData), reason = 1 };
        var revokeUrl = await client.UrlAsync("revokeCert");

        var refused = await stranger.PostAsync(revokeUrl, body);
        using var holder = new AcmeJwsClient(platform.BoundPlatform.HttpsClient(), key);
        var revoked = await holder.PostAsync(revokeUrl, body, jwk: true);
        var again = await client.PostAsync(revokeUrl, body);
        using var http = platform.BoundPlatform.HttpsClient();
        var window = JsonDocument.Parse(await http.GetStringAsync($"/acme/renewal-info/{CertificateId(certificate)}")).RootElement.GetProperty("suggestedWindow");

        Assert.Equal("unauthorized", refused.Problem);
        Assert.True(revoked.Status == HttpStatusCode.OK, revoked.ToString());
        Assert.Equal("alreadyRevoked", again.Problem);
        Assert.True(window.GetProperty("end").GetDateTimeOffset() < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Finalize_PastTheDepartmentsQuota_IsRateLimited_AndIssuesNothing()
    {
        var department = $"quota-{Guid.NewGuid():n}"[..17];
        using (var admin = platform.BoundPlatform.AdminClient())
        {
            using var created = await admin.PostAsJsonAsync("/pki/departments", new
            {
                name = department, displayName = "Small office", dnsSuffixes = new[] { department + ".example.test" }, profiles = new[] { "tls-server" }, maxCertificates = 1,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        using var officer = platform.BoundPlatform.HttpsClient(await Registration.RegistrationFixture.PersonAsync(platform.BoundPlatform, department, "registration-officer"));
        using var keyResponse = await officer.PostAsJsonAsync($"/pki/departments/{department}/acme-keys", new { });
        var binding = JsonDocument.Parse(await keyResponse.Content.ReadAsStringAsync()).RootElement;
        using var client = new AcmeJwsClient(platform.BoundPlatform.HttpsClient());
        await client.NewAccountAsync(binding.GetProperty("kid").GetString()!, System.Buffers.Text.Base64Url.DecodeFromChars(binding.GetProperty("hmacKey").GetString()!));

        await IssuedAsync(client, $"one.{department}.example.test");
        var second = await ReadyOrderAsync(client, $"two.{department}.example.test");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var refused = await client.PostAsync(second.GetProperty("finalize").GetString()!, new { csr = AcmeJwsClient.Csr(key, $"two.{department}.example.test") });

        Assert.Equal("rateLimited", refused.Problem);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        var finalizeUrl = second.GetProperty("finalize").GetString()!;
        Assert.Equal("ready", (await client.PostAsync(finalizeUrl[..finalizeUrl.LastIndexOf('/')], null)).Json.GetProperty("status").GetString());
    }

    private async Task<AcmeJwsClient> AccountAsync()
    {
        var key = await platform.NewKeyAsync();
        var client = new AcmeJwsClient(platform.BoundPlatform.HttpsClient());
        var created = await client.NewAccountAsync(key.KeyId, System.Buffers.Text.Base64Url.DecodeFromChars(key.HmacKey));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return client;
    }

    private static string NewName() => $"v-{Guid.NewGuid().ToString("n")[..12]}.example.test";

    private static async Task<(AcmeAnswer Order, JsonElement Authorization)> OrderAsync(AcmeJwsClient client, string name)
    {
        var order = await client.NewOrderAsync(name);
        Assert.True(order.Status == HttpStatusCode.Created, order.ToString());
        var authorization = await client.PostAsync(order.Json.GetProperty("authorizations")[0].GetString()!, null);
        return (order, authorization.Json);
    }

    private static JsonElement Challenge(JsonElement authorization, string type) =>
        authorization.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type);

    /// <summary>An order of <paramref name="name"/> whose http-01 challenge was answered: ready.</summary>
    private async Task<JsonElement> ReadyOrderAsync(AcmeJwsClient client, string name)
    {
        var (order, authorization) = await OrderAsync(client, name);
        var http01 = Challenge(authorization, "http-01");
        var token = http01.GetProperty("token").GetString()!;
        using (ChallengeResponders.Http01(platform.HttpValidationPort, token, client.KeyAuthorization(token)))
        {
            var answered = await client.PostAsync(http01.GetProperty("url").GetString()!, new { });
            Assert.True(answered.Json.GetProperty("status").GetString() == "valid", answered.ToString());
        }

        return (await client.PostAsync(order.Headers.Location!.ToString(), null)).Json;
    }

    private async Task<(X509Certificate2 Certificate, ECDsa Key)> IssuedAsync(AcmeJwsClient client, string name)
    {
        var order = await ReadyOrderAsync(client, name);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var finalized = await client.PostAsync(order.GetProperty("finalize").GetString()!, new { csr = AcmeJwsClient.Csr(key, name) });
        var chain = await client.PostAsync(finalized.Json.GetProperty("certificate").GetString()!, null);
        return (X509Certificate2.CreateFromPem(chain.Body), key);
    }

    /// <summary>RFC 9773 §4.1, computed here from the certificate rather than by the server's code.</summary>
    private static string CertificateId(X509Certificate2 certificate)
    {
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray();
        var serial = certificate.SerialNumberBytes.ToArray();
        return AcmeJwsClient.Encode(aki) + "." + AcmeJwsClient.Encode(serial);
    }
}
