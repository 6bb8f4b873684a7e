using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Server.Tests.Hosting;
using Server.Tests.Registration;
using TestSupport;

namespace Server.Tests.Console.Admin;

/// <summary>The registration queue in a real browser: who submitted, approval with a comment, separation of duty before and after trying.</summary>
[Collection(ConsoleAdministrationCollection.Name)]
public sealed class RegistrationPageTests(ConsoleFixture fixture)
{
    // The console's people belong to this department (ConsolePerson); its officers review its requests.
    private const string Department = "audit-office";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task Officer_ApprovesAClerksRequestWithAComment_AndIsRefusedTheirOwn()
    {
        await EnsureDepartmentAsync();
        using var clerk = Server.HttpsClient(await RegistrationFixture.PersonAsync(Server, Department));
        var clerksRequest = await RegistrationFixture.SubmittedAsync(clerk, Department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Chen,O=City Audit"));
        await using var session = await fixture.SignInAsync(["registration-officer"]);
        using var officer = await AdminBrowser.AsPersonAsync(session);
        var ownRequest = await RegistrationFixture.SubmittedAsync(officer, Department, "document-signing", TestCsrs.Ecdsa("CN=Officer Wang Fang,O=City Audit"));
        var page = session.Page;

        await session.OpenAsync("registration");
        await page.Locator($"#approve-{clerksRequest}").WaitForAsync();
        var notice = await page.Locator($"#own-{ownRequest}").TextContentAsync();
        var clerkRow = await page.Locator("#registration-table tbody tr", new() { Has = page.Locator($"#approve-{clerksRequest}") }).TextContentAsync();
        await ConsoleScreenshots.TakeAsync(page, "registration-queue");

        await page.ClickAsync($"#approve-{ownRequest}");
        var refusal = await AdminBrowser.TextAsync(page, $"#error-{ownRequest}", "approver-is-requester");
        await ConsoleScreenshots.TakeAsync(page, "registration-own-refused");
        await page.FillAsync($"#comment-{clerksRequest}", "Identity checked against the staff register.");
        await page.ClickAsync($"#approve-{clerksRequest}");
        await Assertions.Expect(page.Locator($"#approve-{clerksRequest}")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await ConsoleScreenshots.TakeAsync(page, "registration-approved");

        Assert.Contains("You submitted this request", notice, StringComparison.Ordinal);
        Assert.Contains("CN=Clerk Chen", clerkRow, StringComparison.Ordinal);
        Assert.Contains("(certificate ", clerkRow, StringComparison.Ordinal);
        Assert.Contains("another registration officer decides it", refusal, StringComparison.Ordinal);
        var approved = await RegistrationFixture.RequestAsync(clerk, clerksRequest);
        Assert.Equal("issued", approved.GetProperty("status").GetString());
        Assert.Equal("Identity checked against the staff register.",
            Assert.Single(approved.GetProperty("approvals").EnumerateArray()).GetProperty("comment").GetString());
        Assert.Equal("pending", (await RegistrationFixture.RequestAsync(officer, ownRequest)).GetProperty("status").GetString());
        // The refused approval is the one error the browser reports: its own log line for the 403 answer.
        Assert.All(session.BrowserErrors, e => Assert.Contains("status of 403", e, StringComparison.Ordinal));
    }

    private async Task EnsureDepartmentAsync()
    {
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/pki/departments", new
        {
            name = Department, displayName = "Audit Office", organization = "City Audit", profiles = new[] { "document-signing" },
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }
}
