using Identity.People;
using Identity.People.Storage;
using Platform.Auditing;
using Platform.Certificates;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.People;

/// <summary>The directory's storage and its audit events, written once and run on SQLite and PostgreSQL.</summary>
public abstract class PersonStoreTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task Create_ThenGet_RoundTripsEveryField_AndAuditsTheCreation()
    {
        using var people = new PeopleHarness(Target);

        var created = await people.Directory.CreateAsync(
            new NewPerson("Li.Wei@works", "Li Wei", "public-works", "a long enough password", ["clerk", "approver"]),
            PeopleHarness.Template(PeopleAudit.Create), CancellationToken.None);

        var read = await people.Directory.GetAsync("li.wei@works", CancellationToken.None);
        Assert.Equal(created.Value!.Login, read!.Login);
        Assert.Equal(("li.wei@works", "Li Wei", "public-works", false, true, false),
            (read.Login, read.DisplayName, read.Department, read.Disabled, read.PasswordSet, read.TotpEnrolled));
        Assert.Equal(["clerk", "approver"], read.Roles);
        var stored = await people.Store.GetAsync("li.wei@works");
        Assert.StartsWith("$argon2id$v=19$", stored!.PasswordHash, StringComparison.Ordinal);
        var created1 = Assert.Single(people.Trail.Events);
        Assert.Equal((PeopleAudit.Module, PeopleAudit.Create, AuditOutcome.Success, "li.wei@works", "true"),
            (created1.Module, created1.Action, created1.Outcome, created1.Target, created1.Details["passwordSet"]));
    }

    [Fact]
    public async Task List_FiltersByNameInAnyCaseAndByDepartment_AndPagesInLoginOrder()
    {
        using var people = new PeopleHarness(Target);
        foreach (var (login, name, department) in new[] { ("wang.fang", "Wang Fang", "audit"), ("li.na", "Li Na", "audit"), ("zhao.lei", "Zhao Lei", "works"), ("chen_50", "Chen Wang 50%", "works") })
        {
            await people.Directory.CreateAsync(new NewPerson(login, name, department, null, null), PeopleHarness.Template(PeopleAudit.Create), CancellationToken.None);
        }

        var (byName, _) = await people.Store.ListAsync(new PeopleQuery(10, Search: "WANG"));
        var (first, more) = await people.Store.ListAsync(new PeopleQuery(1, Department: "audit"));
        var (second, after) = await people.Store.ListAsync(new PeopleQuery(1, After: first[0].Login, Department: "audit"));
        var (literal, _) = await people.Store.ListAsync(new PeopleQuery(10, Search: "%"));

        Assert.Equal(["chen_50", "wang.fang"], byName.Select(p => p.Login));
        Assert.Equal(["li.na"], first.Select(p => p.Login));
        Assert.True(more);
        Assert.Equal(["wang.fang"], second.Select(p => p.Login));
        Assert.False(after);
        Assert.Equal(["chen_50"], literal.Select(p => p.Login));
    }

    [Fact]
    public async Task Create_TakenLoginInAnyCase_IsRefused_AndNothingChanges()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");

        var again = await people.Directory.CreateAsync(new NewPerson("CLERK", "Other", "works", null, null), PeopleHarness.Template(PeopleAudit.Create), CancellationToken.None);

        Assert.Equal("person-exists", again.Code?.Value);
        Assert.Equal("Test Person", (await people.Directory.GetAsync("clerk", CancellationToken.None))!.DisplayName);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], people.Trail.Events.Select(e => e.Outcome));
        Assert.Equal("person-exists", people.Trail.Events[^1].Details["code"]);
    }

    [Fact]
    public async Task Update_ChangesOnlyWhatIsGiven_AndDisableIsItsOwnAction()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        people.Time.Advance(TimeSpan.FromMinutes(1));

        var renamed = await people.Directory.UpdateAsync("clerk", new PersonPatch(null, "New Name", null, ["auditor"], null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);
        var disabled = await people.Directory.UpdateAsync("clerk", new PersonPatch(true, null, null, null, null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);

        Assert.Equal(("New Name", "works", false), (renamed.Value!.DisplayName, renamed.Value.Department, renamed.Value.Disabled));
        Assert.Equal(["auditor"], renamed.Value.Roles);
        Assert.True(disabled.Value!.Disabled);
        Assert.Equal("New Name", disabled.Value.DisplayName);
        Assert.True(disabled.Value.UpdatedAt > disabled.Value.CreatedAt);
        Assert.Equal([PeopleAudit.Create, PeopleAudit.Update, PeopleAudit.Disable], people.Trail.Events.Select(e => e.Action));
        Assert.Equal("displayName,roles", people.Trail.Events[1].Details["fields"]);
    }

    [Fact]
    public async Task Update_UnknownLogin_IsRefused()
    {
        using var people = new PeopleHarness(Target);

        var outcome = await people.Directory.UpdateAsync("nobody", new PersonPatch(true, null, null, null, null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);

        Assert.Equal("person-unknown", outcome.Code?.Value);
    }

    [Fact]
    public async Task BindCertificate_GoodCertificate_IsBoundToOnePerson_AndFoundByIt()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        await people.AddAsync("other");
        people.Certificates.Set("1a2b", CertificateHolderStatus.Good);

        var bound = await people.Directory.BindCertificateAsync("clerk", "001A2B", PeopleHarness.Template(PeopleAudit.CertificateBind), CancellationToken.None);
        var again = await people.Directory.BindCertificateAsync("clerk", "1a2b", PeopleHarness.Template(PeopleAudit.CertificateBind), CancellationToken.None);
        var elsewhere = await people.Directory.BindCertificateAsync("other", "1a2b", PeopleHarness.Template(PeopleAudit.CertificateBind), CancellationToken.None);

        Assert.Equal(["1a2b"], bound.Value!.Certificates);
        Assert.True(bound.Changed);
        Assert.False(again.Changed);
        Assert.Equal("certificate-bound", elsewhere.Code?.Value);
        Assert.Equal("clerk", (await people.Directory.FindByCertificateAsync("1A2B", CancellationToken.None))?.Login);
        Assert.Null(await people.Directory.FindByCertificateAsync("ffff", CancellationToken.None));
        Assert.Single(people.Trail.Events, e => e.Action == PeopleAudit.CertificateBind && e.Outcome == AuditOutcome.Success);
    }

    [Theory]
    [InlineData(CertificateHolderStatus.Revoked, "certificate-not-current")]
    [InlineData(CertificateHolderStatus.OnHold, "certificate-not-current")]
    [InlineData(CertificateHolderStatus.Expired, "certificate-not-current")]
    [InlineData(CertificateHolderStatus.Unknown, "certificate-unknown")]
    public async Task BindCertificate_NotGood_IsRefused(CertificateHolderStatus status, string code)
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");
        people.Certificates.Set("abcd", status);

        var outcome = await people.Directory.BindCertificateAsync("clerk", "abcd", PeopleHarness.Template(PeopleAudit.CertificateBind), CancellationToken.None);

        Assert.Equal(code, outcome.Code?.Value);
        Assert.Empty((await people.Directory.GetAsync("clerk", CancellationToken.None))!.Certificates);
    }

    [Fact]
    public async Task TotpEnrolment_SealsTheSeed_AndOnlyAConfirmingCodeActivatesIt()
    {
        using var people = new PeopleHarness(Target);
        await people.AddAsync("clerk");

        var started = await people.Totp.StartAsync("clerk", PeopleHarness.Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        var secret = PeopleHarness.SecretOf(started.Value!.OtpauthUri);
        var stored = await people.Store.GetAsync("clerk");

        Assert.StartsWith("otpauth://totp/SecurityPlatform:clerk?secret=", started.Value.OtpauthUri, StringComparison.Ordinal);
        Assert.Contains("<svg", started.Value.QrSvg, StringComparison.Ordinal);
        Assert.Equal(20, secret.Length);
        Assert.Null(stored!.TotpSecret);
        // Sealed: the stored bytes do not hold the seed, and they open only for this person.
        Assert.False(stored.TotpPending!.AsSpan().IndexOf(secret) >= 0);
        Assert.Equal(secret, people.Sealer.Open("identity.totp", "clerk", stored.TotpPending));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => people.Sealer.Open("identity.totp", "other", stored.TotpPending));

        var wrong = await people.Totp.ConfirmAsync("clerk", "12345", PeopleHarness.Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        Assert.Equal("totp-code-invalid", wrong.Code?.Value);
        var code = Identity.People.Totp.TotpCode.Compute(secret, Identity.People.Totp.TotpCode.StepAt(people.Time.GetUtcNow()));
        var confirmed = await people.Totp.ConfirmAsync("clerk", code, PeopleHarness.Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        Assert.True(confirmed.Value!.TotpEnrolled);
        var again = await people.Totp.ConfirmAsync("clerk", code, PeopleHarness.Template(PeopleAudit.TotpEnrol), CancellationToken.None);
        Assert.Equal("totp-enrolment-missing", again.Code?.Value);
        Assert.Equal(["started", "confirmed"],
            people.Trail.Events.Where(e => e.Action == PeopleAudit.TotpEnrol && e.Outcome == AuditOutcome.Success).Select(e => e.Details["stage"]));
    }

    [Fact]
    public async Task Changes_FromTwoNodes_AreSeenByBoth()
    {
        using var first = new PeopleHarness(Target);
        using var second = new PeopleHarness(Target);
        await first.AddAsync("clerk");

        await second.Directory.UpdateAsync("clerk", new PersonPatch(true, null, null, null, null, null), PeopleHarness.Template(PeopleAudit.Update), CancellationToken.None);

        Assert.True((await first.Directory.GetAsync("clerk", CancellationToken.None))!.Disabled);
    }
}

public sealed class PersonStoreSqliteTests() : PersonStoreTests(new SqliteStorageTarget());

public sealed class PersonStorePostgreSqlTests() : PersonStoreTests(new PostgreSqlStorageTarget());
