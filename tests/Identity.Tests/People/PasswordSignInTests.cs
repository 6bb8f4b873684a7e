using Identity.People;
using Identity.People.SignIn;
using Identity.People.Totp;
using Platform.Auditing;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.People;

/// <summary>Password and one-time-code sign-in against the real store, on both providers, with a clock the test moves.</summary>
public abstract class PasswordSignInTests(StorageTarget target) : StorageConformanceTests(target)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task SignIn_RightPassword_SucceedsWithPwdAndIsAudited()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");

        var result = await people.SignInAsync("Clerk", Password);

        Assert.True(result.Succeeded);
        Assert.Equal("pwd", result.Method);
        Assert.Equal("clerk", result.Person!.Login);
        var recorded = Assert.Single(people.Trail.Events, e => e.Action == PeopleAudit.SignIn);
        Assert.Equal((AuditOutcome.Success, "clerk", "pwd", "success", "192.0.2.10"),
            (recorded.Outcome, recorded.Target, recorded.Details["method"], recorded.Details["reason"], recorded.SourceAddress));
    }

    [Fact]
    public async Task SignIn_EveryFailure_ShowsTheSameMessage_AndAuditsItsOwnReason()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        await people.AddAsync("boss", Password, "administrator");

        var unknown = await people.SignInAsync("nobody", Password);
        var wrong = await people.SignInAsync("clerk", "not the password!");
        var admin = await people.SignInAsync("boss", Password);

        Assert.Equal([SignInReason.LoginUnknown, SignInReason.PasswordWrong, SignInReason.TotpNotEnrolled], [unknown.Reason, wrong.Reason, admin.Reason]);
        Assert.All([unknown, wrong, admin], r => Assert.Equal(SignInResult.FailedMessage, r.UserMessage));
        Assert.All([unknown, wrong, admin], r => Assert.Null(r.Person));
        Assert.Equal(["login-unknown", "password-wrong", "totp-not-enrolled"],
            people.Trail.Events.Where(e => e.Action == PeopleAudit.SignIn).Select(e => e.Details["reason"]));
        Assert.All(people.Trail.Events.Where(e => e.Action == PeopleAudit.SignIn), e => Assert.Equal(AuditOutcome.Failure, e.Outcome));
    }

    [Fact]
    public async Task SignIn_DisabledPerson_IsRefused_AndAllowedAgainWhenEnabled()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        await people.Directory.UpdateAsync("clerk", new PersonPatch(true, null, null, null, null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);

        Assert.Equal(SignInReason.Disabled, (await people.SignInAsync("clerk", Password)).Reason);

        await people.Directory.UpdateAsync("clerk", new PersonPatch(false, null, null, null, null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);
        Assert.True((await people.SignInAsync("clerk", Password)).Succeeded);
        Assert.Equal([PeopleAudit.Create, PeopleAudit.Disable, PeopleAudit.SignIn, PeopleAudit.Update, PeopleAudit.SignIn],
            people.Trail.Events.Select(e => e.Action));
    }

    [Fact]
    public async Task SignIn_FailuresInARow_LockTheAccount_UntilThePeriodEnds()
    {
        using var people = new PeopleHarness(Target, new PeopleOptions { SignIn = new SignInOptions { MaxFailedAttempts = 3, LockoutMinutes = 10 } });
        await people.AddAsync("clerk");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignInReason.PasswordWrong, (await people.SignInAsync("clerk", "wrong password " + i)).Reason);
        }

        // Locked: even the right password is refused, without being checked.
        var locked = await people.SignInAsync("clerk", Password);
        Assert.Equal(SignInReason.Locked, locked.Reason);
        Assert.Equal(SignInResult.FailedMessage, locked.UserMessage);
        Assert.Equal("true", people.Trail.Events.Where(e => e.Action == PeopleAudit.SignIn).ElementAt(2).Details["locked"]);
        Assert.NotNull((await people.Directory.GetAsync("clerk", CancellationToken.None))!.LockedUntil);

        people.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(SignInReason.Locked, (await people.SignInAsync("clerk", Password)).Reason);

        people.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await people.SignInAsync("clerk", Password);
        Assert.True(after.Succeeded);
        Assert.Null(after.Person!.LockedUntil);
    }

    [Fact]
    public async Task SignIn_SuccessBetweenFailures_StartsTheCountAgain()
    {
        using var people = new PeopleHarness(Target, new PeopleOptions { SignIn = new SignInOptions { MaxFailedAttempts = 2 } });
        await people.AddAsync("clerk");

        await people.SignInAsync("clerk", "wrong password!!");
        Assert.True((await people.SignInAsync("clerk", Password)).Succeeded);
        await people.SignInAsync("clerk", "wrong password!!");

        Assert.True((await people.SignInAsync("clerk", Password)).Succeeded);
    }

    [Fact]
    public async Task Unlock_ByAdministrator_LiftsTheLockout()
    {
        using var people = new PeopleHarness(Target, new PeopleOptions { SignIn = new SignInOptions { MaxFailedAttempts = 1 } });
        await people.AddAsync("clerk");
        await people.SignInAsync("clerk", "wrong password!!");
        Assert.Equal(SignInReason.Locked, (await people.SignInAsync("clerk", Password)).Reason);

        await people.Directory.UpdateAsync("clerk", new PersonPatch(null, null, null, null, null, Locked: false), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);

        Assert.True((await people.SignInAsync("clerk", Password)).Succeeded);
    }

    [Fact]
    public async Task SignIn_AdministratorWithAuthenticator_NeedsTheCode_AndNoCodeTwice()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("boss", Password, "administrator");
        var secret = await people.EnrolAsync("boss");
        // The code that confirmed the enrolment is used up.
        var confirming = TotpCode.Compute(secret, TotpCode.StepAt(people.Time.GetUtcNow()));
        Assert.Equal(SignInReason.TotpReplayed, (await people.SignInAsync("boss", Password, confirming)).Reason);

        people.Time.Advance(TimeSpan.FromSeconds(30));
        var code = TotpCode.Compute(secret, TotpCode.StepAt(people.Time.GetUtcNow()));
        Assert.Equal(SignInReason.TotpMissing, (await people.SignInAsync("boss", Password)).Reason);
        Assert.Equal(SignInReason.TotpWrong, (await people.SignInAsync("boss", Password, code == "000000" ? "111111" : "000000")).Reason);

        var signedIn = await people.SignInAsync("boss", Password, code);
        Assert.True(signedIn.Succeeded);
        Assert.Equal("pwd+otp", signedIn.Method);
        var replayed = await people.SignInAsync("boss", Password, code);
        Assert.Equal(SignInReason.TotpReplayed, replayed.Reason);
        Assert.Equal(SignInResult.FailedMessage, replayed.UserMessage);
        Assert.Equal("pwd+otp", people.Trail.Events.Last().Details["method"]);
    }

    [Fact]
    public async Task SignIn_SameCodeAtOnce_OnOneNode_IsAcceptedOnce()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        var secret = await people.EnrolAsync("clerk");
        people.Time.Advance(TimeSpan.FromSeconds(30));
        var code = TotpCode.Compute(secret, TotpCode.StepAt(people.Time.GetUtcNow()));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => people.SignInAsync("clerk", Password, code)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SignInReason.TotpReplayed, r.Reason));
    }

    [Fact]
    public async Task SignIn_PersonWithAuthenticator_NeedsTheCodeToo()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        var secret = await people.EnrolAsync("clerk");
        people.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(SignInReason.TotpMissing, (await people.SignInAsync("clerk", Password)).Reason);
        Assert.True((await people.SignInAsync("clerk", Password, TotpCode.Compute(secret, TotpCode.StepAt(people.Time.GetUtcNow())))).Succeeded);
    }

    [Fact]
    public async Task SignIn_TooManyFromOneAddress_IsRefusedBeforeAnyCheck_AndNotAudited()
    {
        using var people = new PeopleHarness(Target, new PeopleOptions { SignIn = new SignInOptions { AddressBurst = 2, AddressAttemptsPerMinute = 6, MaxFailedAttempts = 100 } });
        await people.AddAsync("clerk");
        await people.SignInAsync("clerk", "wrong password!!");
        await people.SignInAsync("clerk", "wrong password!!");
        var audited = people.Trail.Events.Count;

        var refused = await people.SignInAsync("clerk", Password);

        Assert.Equal(SignInReason.AddressRateLimited, refused.Reason);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter);
        Assert.Equal(audited, people.Trail.Events.Count);
        // Another address is not held back, and the first gets an attempt back after ten seconds.
        Assert.True((await people.SignInAsync("clerk", Password, address: "192.0.2.11")).Succeeded);
        people.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await people.SignInAsync("clerk", Password)).Succeeded);
    }

    [Fact]
    public async Task SignIn_PersonWithoutPassword_IsRefused()
    {
        using var people = new PeopleHarness(Target);
        await people.Directory.CreateAsync(new NewPerson("cert.only", "Certificate Only", "works", null, null), PeopleHarness.Template(PeopleAudit.Create), CancellationToken.None);

        Assert.Equal(SignInReason.PasswordNotSet, (await people.SignInAsync("cert.only", "")).Reason);
    }

    [Fact]
    public async Task SignIn_AfterParametersChange_RehashesThePassword()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        var before = (await people.Store.GetAsync("clerk"))!.PasswordHash!;

        people.Settings.Passwords.Iterations = 2;
        var stronger = people.NewSignIn();
        Assert.True((await stronger.SignInAsync(new SignInAttempt("clerk", Password, null, null))).Succeeded);

        var after = (await people.Store.GetAsync("clerk"))!.PasswordHash!;
        Assert.Contains(",t=1,", before, StringComparison.Ordinal);
        Assert.Contains(",t=2,", after, StringComparison.Ordinal);
        Assert.True((await stronger.SignInAsync(new SignInAttempt("clerk", Password, null, null))).Succeeded);
    }
}

public sealed class PasswordSignInSqliteTests() : PasswordSignInTests(new SqliteStorageTarget());

public sealed class PasswordSignInPostgreSqlTests() : PasswordSignInTests(new PostgreSqlStorageTarget());
