using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApprovalsSample.Approvals;
using Microsoft.Playwright;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using Server.Tests.Identity;
using Server.Tests.Identity.Interop;

namespace Server.Tests.Gateway;

/// <summary>
/// samples/ApprovalsSample, the whole chain: a person signs in through the platform's login page
/// in a real browser, the application's pages call its API through the gateway with the person's
/// token, the platform decides, and the API records the approver the gateway signed. Each test
/// works on its own seeded approval (a-1 … a-4), since they share one running application.
/// </summary>
public sealed class ApprovalsSampleTests(ApprovalsSampleFixture fixture) : IClassFixture<ApprovalsSampleFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Approver_SignsInApprovesThroughTheGateway_SeesItApprovedByThemself()
    {
        var login = await fixture.NewPersonAsync("Liu Yang", "approver");
        await using var browser = await HeadlessBrowser.LaunchAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, login);
        Assert.Equal("Liu Yang", await page.Locator("#user").TextContentAsync());
        Assert.Equal("pending", await page.Locator("#approval-a-1 .status").TextContentAsync());
        Assert.Equal(4, await page.Locator("#approvals tbody tr").CountAsync());

        await page.ClickAsync("#approve-a-1");

        await Assertions.Expect(page.Locator("#approval-a-1 .status")).ToHaveTextAsync("approved");
        Assert.Equal(fixture.Origin + "/", page.Url);
        Assert.Equal(login, await page.Locator("#approval-a-1 .approved-by").TextContentAsync());
        Assert.False(string.IsNullOrEmpty(await page.Locator("#approval-a-1 .approved-at").TextContentAsync()));
        Assert.Equal(0, await page.Locator("#approve-a-1").CountAsync());
        var stored = fixture.Store.Find("a-1")!;
        Assert.Equal(new Approver("person", login), stored.ApprovedBy);
        Assert.Equal(["approvers"], stored.Policies);
        // The decision was the platform's, taken at the gateway and audited there.
        var decided = await ForwardEventAsync("Approval::\"a-1\"", login);
        Assert.Equal("success", decided.GetProperty("outcome").GetString());
        Assert.Equal("approvers", decided.GetProperty("details").GetProperty("policies").GetString());

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(fixture.Origin + "/signed-out");
    }

    [Fact]
    public async Task PersonWithoutTheRole_TriesToApprove_IsShownNotAllowed_AndItStaysPending()
    {
        var login = await fixture.NewPersonAsync("Sun Mei", "clerk");
        await using var browser = await HeadlessBrowser.LaunchAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, login);
        Assert.Equal("pending", await page.Locator("#approval-a-2 .status").TextContentAsync());

        await page.ClickAsync("#approve-a-2");

        await page.Locator("#not-allowed").WaitForAsync();
        Assert.Contains("not allowed to approve a-2", await page.Locator("#not-allowed").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", await page.Locator("#approval-a-2 .status").TextContentAsync());
        Assert.Equal("", await page.Locator("#approval-a-2 .approved-by").TextContentAsync());
        Assert.Equal(ApprovalStatus.Pending, fixture.Store.Find("a-2")!.Status);
        var denied = await ForwardEventAsync("Approval::\"a-2\"", login);
        Assert.Equal("denied", denied.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Api_CalledPastTheGatewayWithForgedIdentityHeaders_401_AndThroughTheGatewayWithoutAToken_401_ChangesNothing()
    {
        using var direct = new HttpClient { BaseAddress = fixture.ApiAddress };
        using var forged = Forged(HttpMethod.Post, "/approvals/a-3/approve");
        using var forgedSignature = Forged(HttpMethod.Post, "/approvals/a-3/approve");
        forgedSignature.Headers.TryAddWithoutValidation("Signature-Input",
            $"gateway=(\"@method\" \"@authority\" \"@path\" \"@query\" \"x-securityplatform-principal\" \"x-securityplatform-roles\" \"x-securityplatform-decision\");created={DateTimeOffset.UtcNow.ToUnixTimeSeconds()};expires={DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60};nonce=\"bm9uY2Vub25jZW5vbmNl\";keyid=\"1\";alg=\"ecdsa-p256-sha256\"");
        forgedSignature.Headers.TryAddWithoutValidation("Signature", "gateway=:" + Convert.ToBase64String(new byte[64]) + ":");
        using var forgedList = Forged(HttpMethod.Get, "/approvals");

        using var approved = await direct.SendAsync(forged);
        using var signed = await direct.SendAsync(forgedSignature);
        using var listed = await direct.SendAsync(forgedList);
        using var gateway = Server.HttpsClient();
        using var anonymous = await gateway.PostAsync("/approvals/a-3/approve", null);

        await ProblemAssert.IsProblemAsync(approved, HttpStatusCode.Unauthorized, "gateway-identity-refused");
        await ProblemAssert.IsProblemAsync(signed, HttpStatusCode.Unauthorized, "gateway-identity-refused");
        await ProblemAssert.IsProblemAsync(listed, HttpStatusCode.Unauthorized, "gateway-identity-refused");
        await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized, "credentials-missing");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        var untouched = fixture.Store.Find("a-3")!;
        Assert.Equal(ApprovalStatus.Pending, untouched.Status);
        Assert.Null(untouched.ApprovedBy);
    }

    [Fact]
    public async Task Api_ThroughTheGatewayWithAnApproversToken_RecordsTheSignedPrincipal_NotTheOneTheClientClaims()
    {
        var (token, login, _) = await PersonTokens.AccessTokenAsync(Server, ["approver"], [ApprovalsSampleFixture.Audience]);
        using var gateway = Server.HttpsClient();

        using var claiming = Bearer(Forged(HttpMethod.Post, "/approvals/a-4/approve"), token);
        using var repeated = Bearer(new HttpRequestMessage(HttpMethod.Post, "/approvals/a-4/approve"), token);

        using var first = await gateway.SendAsync(claiming);
        using var again = await gateway.SendAsync(repeated);

        var body = await first.Content.ReadAsStringAsync();
        Assert.True(first.StatusCode == HttpStatusCode.OK, body);
        var answered = JsonSerializer.Deserialize<Approval>(body, JsonSerializerOptions.Web)!;
        Assert.Equal(new Approver("person", login), answered.ApprovedBy);
        Assert.Equal(new Approver("person", login), fixture.Store.Find("a-4")!.ApprovedBy);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "approval-not-pending");
    }

    private async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync(fixture.Origin + "/");
        Assert.Equal("/identity/login", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#login", login);
        await page.FillAsync("#password", ApprovalsSampleFixture.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(fixture.Origin + "/");
    }

    /// <summary>A request claiming, in the gateway's own header names, to come from the mayor with every right.</summary>
    private static HttpRequestMessage Forged(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-SecurityPlatform-Principal", "person:mayor");
        request.Headers.Add("X-SecurityPlatform-Roles", "approver");
        request.Headers.Add("X-SecurityPlatform-Decision", "allow; policies=approvers");
        return request;
    }

    private static HttpRequestMessage Bearer(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<JsonElement> ForwardEventAsync(string target, string login)
    {
        using var admin = Server.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=gateway&action=request.forward&target={Uri.EscapeDataString(target)}&limit=100");
        return Assert.Single(events, e => e.GetProperty("actor").TryGetProperty("user", out var user) && user.GetString() == login);
    }
}
