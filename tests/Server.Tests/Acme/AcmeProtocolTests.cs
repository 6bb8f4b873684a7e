using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Server.Tests.Audit;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Acme;

/// <summary>
/// The ACME server's protocol rules (RFC 8555 §6, §7.3, §7.4) and its refusals, each an ACME
/// problem document with nothing stored: External Account Binding, nonces, the JWS and its url,
/// orders outside the department, key rollover, deactivation.
/// </summary>
public sealed class AcmeProtocolTests(AcmeFixture fixture) : IClassFixture<AcmeFixture>
{
    [Fact]
    public async Task Directory_NamesEveryResource_AndNewNonce_IsUncacheable()
    {
        using var http = fixture.Server.HttpsClient();
        using var directory = await http.GetAsync("/acme/directory");
        var json = (await AcmeAnswer.ReadAsync(directory)).Json;
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, json.GetProperty("newNonce").GetString()));
        using var get = await http.GetAsync(json.GetProperty("newNonce").GetString());

        foreach (var name in new[] { "newNonce", "newAccount", "newOrder", "revokeCert", "keyChange", "renewalInfo" })
        {
            Assert.StartsWith(fixture.Server.Https.ToString().TrimEnd('/') + "/acme/", json.GetProperty(name).GetString());
        }

        Assert.True(json.GetProperty("meta").GetProperty("externalAccountRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
        Assert.NotEqual(head.Headers.GetValues("Replay-Nonce").Single(), get.Headers.GetValues("Replay-Nonce").Single());
        Assert.True(get.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task NewAccount_WithoutBinding_IsRefused_ExternalAccountRequired()
    {
        using var client = new AcmeJwsClient(fixture.Server.HttpsClient());
        var answer = await client.NewAccountAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("externalAccountRequired", answer.Problem);
        Assert.Null(answer.Headers.Location);
        Assert.NotEmpty(answer.Headers.GetValues("Replay-Nonce").Single());
    }

    [Fact]
    public async Task Binding_MakesTheAccountTheDepartments_Once_AndTheSameKeyFindsItAgain()
    {
        var (kid, macKey) = await fixture.ExternalKeyAsync();
        using var first = new AcmeJwsClient(fixture.Server.HttpsClient());
        using var second = new AcmeJwsClient(fixture.Server.HttpsClient());

        var created = await first.NewAccountAsync(kid, macKey);
        var again = await first.NewAccountAsync(onlyReturnExisting: true);
        var reused = await second.NewAccountAsync(kid, macKey);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("valid", created.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(created.Headers.Location, again.Headers.Location);
        Assert.Equal("unauthorized", reused.Problem);
        using var admin = fixture.Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, "?action=acme.account.create&limit=200");
        var account = created.Headers.Location!.ToString().Split('/')[^1];
        var made = Assert.Single(events, e => e.GetProperty("target").GetString() == "acme-account:" + account);
        Assert.Equal(fixture.Department, made.GetProperty("details").GetProperty("department").GetString());
    }

    [Fact]
    public async Task Binding_WithTheWrongMacKey_OrAnUnknownKid_IsRefused_AndNoAccountIsMade()
    {
        var (kid, macKey) = await fixture.ExternalKeyAsync();
        using var client = new AcmeJwsClient(fixture.Server.HttpsClient());

        var wrongMac = await client.NewAccountAsync(kid, RandomNumberGenerator.GetBytes(32));
        var unknown = await client.NewAccountAsync("no-such-kid", macKey);
        var exists = await client.NewAccountAsync(onlyReturnExisting: true);
        var right = await client.NewAccountAsync(kid, macKey);

        Assert.Equal("unauthorized", wrongMac.Problem);
        Assert.Equal("unauthorized", unknown.Problem);
        Assert.Equal("accountDoesNotExist", exists.Problem);
        Assert.Equal(HttpStatusCode.Created, right.Status);
    }

    [Fact]
    public async Task RefusedAccountsAndKeyChanges_AreAudited_AsFailures_OfTheKeyThatAsked()
    {
        var (kid, _) = await fixture.ExternalKeyAsync();
        using var forger = new AcmeJwsClient(fixture.Server.HttpsClient());
        using var client = await fixture.AccountAsync();
        var keyChange = await client.UrlAsync("keyChange");

        var forged = await forger.NewAccountAsync(kid, RandomNumberGenerator.GetBytes(32));
        var badChange = await client.PostAsync(keyChange, new { });

        Assert.Equal("unauthorized", forged.Problem);
        Assert.Equal("malformed", badChange.Problem);
        using var admin = fixture.Server.AdminClient();
        var created = await AuditEvents.ListAsync(admin, "?action=acme.account.create&outcome=failure&limit=200");
        Assert.Single(created, e => e.GetProperty("actor").ToString().Contains("acme-key:" + AcmeJwsClient.Thumbprint(forger.Key), StringComparison.Ordinal)
            && e.GetProperty("details").GetProperty("code").GetString() == "unauthorized");
        var changes = await AuditEvents.ListAsync(admin, "?action=acme.account.key-change&outcome=failure&limit=200");
        Assert.Single(changes, e => e.GetProperty("target").GetString() == "acme-account:" + client.AccountUrl!.Split('/')[^1]);
    }

    [Fact]
    public async Task OnlyTheDepartmentsReviewers_HandOutBindingKeys()
    {
        using var clerk = fixture.Server.HttpsClient(await PersonAsync(fixture.Server, fixture.Department));
        using var refused = await clerk.PostAsJsonAsync($"/pki/departments/{fixture.Department}/acme-keys", new { });
        using var unknown = await fixture.Officer.PostAsJsonAsync("/pki/departments/no-such-department/acme-keys", new { });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ReplayedNonce_IsRefused_BadNonce_AndTheAnswersNonceWorks()
    {
        using var client = await fixture.AccountAsync();
        var url = client.AccountUrl!;
        var header = await client.HeaderAsync(url);
        var body = AcmeJwsClient.Sign(client.Key, header, "");

        var first = await client.SendAsync(url, body);
        var replayed = await client.SendAsync(url, body);
        header["nonce"] = replayed.Headers.GetValues("Replay-Nonce").Single();
        var retried = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, header, ""));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal("badNonce", replayed.Problem);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
    }

    [Fact]
    public async Task ForgedSignature_IsRefused_AndDoesNotSpendTheNonce()
    {
        using var client = await fixture.AccountAsync();
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var url = client.AccountUrl!;
        var header = await client.HeaderAsync(url);

        var forged = await client.SendAsync(url, AcmeJwsClient.Sign(forger, header, ""));
        var genuine = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, header, ""));

        Assert.Equal("malformed", forged.Problem);
        Assert.Equal(HttpStatusCode.OK, genuine.Status);
    }

    [Fact]
    public async Task Requests_ThatAreNotWellFormedJws_AreRefused_InTheProblemFormat()
    {
        using var client = await fixture.AccountAsync();
        var url = client.AccountUrl!;
        var wrongUrl = await client.HeaderAsync(url + "x");
        var none = await client.HeaderAsync(url);
        none["alg"] = "none";
        var mac = await client.HeaderAsync(url);
        mac["alg"] = "HS256";
        var both = await client.HeaderAsync(url);
        both["jwk"] = AcmeJwsClient.JwkOf(client.Key);

        var answers = new Dictionary<string, AcmeAnswer>
        {
            ["wrong url"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, wrongUrl, "")),
            ["alg none"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, none, "")),
            ["alg HS256"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, mac, "")),
            ["jwk and kid"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, both, "")),
            ["not JSON"] = await client.SendAsync(url, "{\"protected\": "),
            ["not base64url"] = await client.SendAsync(url, "{\"protected\":\"!!\",\"payload\":\"\",\"signature\":\"\"}"),
            ["two signatures"] = await client.SendAsync(url, "{\"payload\":\"\",\"signatures\":[]}"),
            ["wrong content type"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, await client.HeaderAsync(url), ""), "application/json"),
            ["kid of no account"] = await client.SendAsync(url, AcmeJwsClient.Sign(client.Key, new JsonObject
            {
                ["alg"] = "ES256", ["nonce"] = await client.NonceAsync(), ["url"] = url, ["kid"] = url[..url.LastIndexOf('/')] + "/nobody",
            }, "")),
        };

        Assert.All(answers, a => Assert.Equal("application/problem+json", a.Value.ContentType));
        Assert.Equal("unauthorized", answers["wrong url"].Problem);
        Assert.Equal("badSignatureAlgorithm", answers["alg none"].Problem);
        Assert.Equal("badSignatureAlgorithm", answers["alg HS256"].Problem);
        Assert.Equal("malformed", answers["jwk and kid"].Problem);
        Assert.Equal("malformed", answers["not JSON"].Problem);
        Assert.Equal("malformed", answers["not base64url"].Problem);
        Assert.Equal("malformed", answers["two signatures"].Problem);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answers["wrong content type"].Status);
        Assert.Equal("accountDoesNotExist", answers["kid of no account"].Problem);
    }

    [Fact]
    public async Task Orders_OnlyNameTheDepartmentsDnsNames_InItsProfiles()
    {
        using var client = await fixture.AccountAsync();
        var newOrder = await client.UrlAsync("newOrder");

        var outside = await client.NewOrderAsync($"www.{fixture.Suffix}", "www.elsewhere.example");
        var lookalike = await client.NewOrderAsync($"www.evil{fixture.Suffix}");
        var wildcard = await client.NewOrderAsync($"*.{fixture.Suffix}");
        var ip = await client.PostAsync(newOrder, new { identifiers = new[] { new { type = "ip", value = "10.0.0.1" } } });
        var validity = await client.PostAsync(newOrder, new { identifiers = new[] { new { type = "dns", value = $"a.{fixture.Suffix}" } }, notAfter = "2030-01-01T00:00:00Z" });
        var profile = await client.PostAsync(newOrder, new { identifiers = new[] { new { type = "dns", value = $"a.{fixture.Suffix}" } }, profile = "tls-client" });
        var upper = await client.NewOrderAsync($"WWW.{fixture.Suffix}");
        var inside = await client.NewOrderAsync($"www.{fixture.Suffix}", $"api.{fixture.Suffix}");

        Assert.Equal("rejectedIdentifier", outside.Problem);
        Assert.Equal("rejectedIdentifier", lookalike.Problem);
        Assert.Equal("rejectedIdentifier", wildcard.Problem);
        Assert.Equal("unsupportedIdentifier", ip.Problem);
        Assert.Equal("malformed", validity.Problem);
        Assert.Equal("malformed", profile.Problem);
        Assert.Equal("rejectedIdentifier", upper.Problem);
        Assert.Equal(HttpStatusCode.Created, inside.Status);
        var order = inside.Json;
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal("tls-server", order.GetProperty("profile").GetString());
        Assert.Equal(2, order.GetProperty("authorizations").GetArrayLength());
        using var admin = fixture.Server.AdminClient();
        var refusals = await AuditEvents.ListAsync(admin, "?action=acme.order.create&outcome=failure&limit=200");
        Assert.Contains(refusals, e => e.GetProperty("details").GetProperty("code").GetString() == "unsupportedIdentifier");
    }

    [Fact]
    public async Task Order_IsNotFinalized_BeforeItsAuthorizationsAreValid_AndIsTheAccountsOnly()
    {
        using var client = await fixture.AccountAsync();
        using var other = await fixture.AccountAsync();
        var order = (await client.NewOrderAsync($"early.{fixture.Suffix}")).Json;
        var authorization = order.GetProperty("authorizations")[0].GetString()!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var finalize = await client.PostAsync(order.GetProperty("finalize").GetString()!, new { csr = AcmeJwsClient.Csr(key, $"early.{fixture.Suffix}") });
        var read = await client.PostAsync(authorization, null);
        var foreign = await other.PostAsync(authorization, null);

        Assert.Equal("orderNotReady", finalize.Problem);
        Assert.Equal(HttpStatusCode.Forbidden, finalize.Status);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var challenges = read.Json.GetProperty("challenges").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(["http-01", "dns-01", "tls-alpn-01"], challenges);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
    }

    [Fact]
    public async Task KeyChange_MovesTheAccountToTheNewKey_AndTheOldOneNoLongerSigns()
    {
        using var client = await fixture.AccountAsync();
        var keyChange = await client.UrlAsync("keyChange");
        var oldKey = client.Key;
        var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var inner = AcmeJwsClient.Sign(newKey, new JsonObject { ["alg"] = "ES256", ["jwk"] = AcmeJwsClient.JwkOf(newKey), ["url"] = keyChange },
            new JsonObject { ["account"] = client.AccountUrl, ["oldKey"] = AcmeJwsClient.JwkOf(oldKey) }.ToJsonString());

        var changed = await client.SendAsync(keyChange, AcmeJwsClient.Sign(oldKey, await client.HeaderAsync(keyChange), inner));
        var withOld = await client.PostAsync(client.AccountUrl!, null);
        client.ReplaceKey(newKey);
        var withNew = await client.PostAsync(client.AccountUrl!, null);
        oldKey.Dispose();

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("malformed", withOld.Problem);
        Assert.Equal(HttpStatusCode.OK, withNew.Status);
    }

    [Fact]
    public async Task KeyChange_ToAKeyAnotherAccountHas_IsAConflict_NamingThatAccount()
    {
        using var client = await fixture.AccountAsync();
        using var other = await fixture.AccountAsync();
        var keyChange = await client.UrlAsync("keyChange");
        var inner = AcmeJwsClient.Sign(other.Key, new JsonObject { ["alg"] = "ES256", ["jwk"] = AcmeJwsClient.JwkOf(other.Key), ["url"] = keyChange },
            new JsonObject { ["account"] = client.AccountUrl, ["oldKey"] = AcmeJwsClient.JwkOf(client.Key) }.ToJsonString());

        var conflict = await client.SendAsync(keyChange, AcmeJwsClient.Sign(client.Key, await client.HeaderAsync(keyChange), inner));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(other.AccountUrl, conflict.Headers.Location?.ToString());
    }

    [Fact]
    public async Task AccountsOrders_AreListedNewestFirst_ToTheAccountOnly()
    {
        using var client = await fixture.AccountAsync();
        using var other = await fixture.AccountAsync();
        var first = (await client.NewOrderAsync($"one.{fixture.Suffix}")).Headers.Location!.ToString();
        var second = (await client.NewOrderAsync($"two.{fixture.Suffix}")).Headers.Location!.ToString();
        var orders = client.AccountUrl + "/orders";

        var listed = await client.PostAsync(orders, null);
        var paged = await client.PostAsync(orders + "?cursor=" + second.Split('/')[^1], null);
        var foreign = await other.PostAsync(orders, null);

        Assert.Equal([second, first], listed.Json.GetProperty("orders").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal([first], paged.Json.GetProperty("orders").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("unauthorized", foreign.Problem);
    }

    [Fact]
    public async Task DeactivatedAccount_CanDoNothingMore()
    {
        using var client = await fixture.AccountAsync();

        var deactivated = await client.PostAsync(client.AccountUrl!, new { status = "deactivated" });
        var order = await client.NewOrderAsync($"late.{fixture.Suffix}");

        Assert.Equal("deactivated", deactivated.Json.GetProperty("status").GetString());
        Assert.Equal("unauthorized", order.Problem);
    }

    [Fact]
    public async Task Revocation_OfNoCertificate_OrWithAReasonThatIsNotANumber_IsAProblem_NotAnError()
    {
        using var client = await fixture.AccountAsync();
        var revokeUrl = await client.UrlAsync("revokeCert");
        var notDer = AcmeJwsClient.Encode("not a certificate"u8);

        var garbage = await client.PostAsync(revokeUrl, new { certificate = notDer });
        var textReason = await client.PostAsync(revokeUrl, new { certificate = notDer, reason = "1" });
        var unknownReason = await client.PostAsync(revokeUrl, new { certificate = notDer, reason = 2 });

        Assert.Equal("malformed", garbage.Problem);
        Assert.Equal("badRevocationReason", textReason.Problem);
        Assert.Equal("badRevocationReason", unknownReason.Problem);
    }

    [Fact]
    public async Task RenewalInfo_OfNoCertificate_IsAProblem_NotAnError()
    {
        using var http = fixture.Server.HttpsClient();
        using var malformed = await http.GetAsync("/acme/renewal-info/not-an-id");
        using var unknown = await http.GetAsync("/acme/renewal-info/aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
