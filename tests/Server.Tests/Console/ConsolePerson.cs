using System.Net.Http.Json;
using System.Text.Json;
using Identity.People.Totp;
using Server.Tests.Hosting;
using Server.Tests.Identity;

namespace Server.Tests.Console;

/// <summary>
/// A person created through the administration API with the bootstrap administrator's client
/// certificate: a password, a confirmed authenticator (TOTP) and the given roles, as an
/// administrator would enrol a new officer.
/// </summary>
public sealed class ConsolePerson
{
    public const string Password = "a long enough console password";

    private readonly byte[] totpSecret;
    private long lastStep;

    private ConsolePerson(string login, byte[] totpSecret, long confirmedStep)
    {
        Login = login;
        this.totpSecret = totpSecret;
        lastStep = confirmedStep;
    }

    public string Login { get; }

    public static async Task<ConsolePerson> CreateAsync(PlatformServer server, string[] roles, string displayName = "Wang Fang")
    {
        var login = "officer-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = server.AdminClient();
        using (var created = await admin.PostAsJsonAsync("/identity/people",
            new { login, displayName, department = "audit-office", password = Password, roles }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        using var started = await admin.PostAsync($"/identity/people/{login}/totp", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var secret = PeopleEndpointTests.SecretOf((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("otpauthUri").GetString()!);
        var step = TotpCode.StepAt(DateTimeOffset.UtcNow);
        using var confirmed = await admin.PostAsJsonAsync($"/identity/people/{login}/totp/confirm", new { code = TotpCode.Compute(secret, step) });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        return new ConsolePerson(login, secret, step);
    }

    /// <summary>
    /// A code the provider has not seen yet: each step's code signs in once, and the provider
    /// accepts the next step's within its window, so a second sign-in in the same half minute
    /// waits for the clock.
    /// </summary>
    public async Task<string> NextCodeAsync()
    {
        var now = TotpCode.StepAt(DateTimeOffset.UtcNow);
        var step = Math.Max(now, lastStep + 1);
        while (step > now + 1)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            now = TotpCode.StepAt(DateTimeOffset.UtcNow);
        }

        lastStep = step;
        return TotpCode.Compute(totpSecret, step);
    }
}
