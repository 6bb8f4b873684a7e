using Identity.People.SignIn;
using Identity.People.Totp;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.People;

/// <summary>Nodes sharing one PostgreSQL database (a SQLite file has one node by design) accept a one-time code once between them.</summary>
public sealed class PasswordSignInTwoNodeTests() : StorageConformanceTests(new PostgreSqlStorageTarget())
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task SignIn_SameCodeAtOnce_OnTwoNodes_IsAcceptedOnce()
    {
        using var first = new PeopleHarness(Target);
        using var second = new PeopleHarness(Target);
        await first.AddAsync("clerk");
        var secret = await first.EnrolAsync("clerk");
        second.Time.SetUtcNow(first.Time.GetUtcNow().AddSeconds(30));
        first.Time.Advance(TimeSpan.FromSeconds(30));
        var code = TotpCode.Compute(secret, TotpCode.StepAt(first.Time.GetUtcNow()));

        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? first : second).SignInAsync("clerk", Password, code)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SignInReason.TotpReplayed, r.Reason));
    }
}
