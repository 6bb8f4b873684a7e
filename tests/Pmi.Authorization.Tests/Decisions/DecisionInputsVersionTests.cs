using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Certificates;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Tests.AttributeAuthority;

namespace Pmi.Authorization.Tests.Decisions;

/// <summary>
/// The version a cache of decisions relies on moves with every change of what decisions read, and
/// the directory says when the clock alone will change one.
/// </summary>
public sealed class DecisionInputsVersionTests : IDisposable
{
    private readonly SqliteTestDatabase database = new();
    private readonly SettableCertificateStatus statuses = new();
    private readonly DecisionInputsVersion inputs;

    public DecisionInputsVersionTests() => inputs = new DecisionInputsVersion(statuses);

    [Fact]
    public void ActivatedPolicies_MoveTheVersion()
    {
        var pdp = new PolicyDecisionPoint(null!, NullLogger<PolicyDecisionPoint>.Instance, inputs: inputs);
        var before = inputs.Value;

        pdp.Activate(new ActivePolicies(PolicySet.Parse("permit(principal, action, resource);").Value!, null, null, null));

        Assert.NotEqual(before, inputs.Value);
    }

    [Fact]
    public async Task GrantedRevokedOrReloadedAttributeCertificates_MoveTheVersion()
    {
        var directory = Directory(TimeProvider.System);
        var start = inputs.Value;
        await directory.RunAsync(default);
        var loaded = inputs.Value;
        directory.Add(Held("a1", "h1", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
        var granted = inputs.Value;
        directory.Remove("a1");

        Assert.True(start < loaded && loaded < granted && granted < inputs.Value);
    }

    [Fact]
    public void CertificateRevokedOrHeld_MovesTheVersion()
    {
        var before = inputs.Value;

        statuses.Set("h1", CertificateHolderStatus.OnHold);

        Assert.NotEqual(before, inputs.Value);
    }

    [Fact]
    public async Task NextValidityChange_IsTheNearestBeginningOrEndOfAHeldCertificate_AndMovesOnAsTimePasses()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var directory = Directory(clock);
        await directory.RunAsync(default);
        Assert.Null(directory.NextValidityChange());

        directory.Add(Held("a1", "h1", now.AddDays(-1), now.AddHours(5)));
        directory.Add(Held("a2", "h2", now.AddHours(2), now.AddDays(9)));
        Assert.Equal(now.AddHours(2), directory.NextValidityChange());

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(now.AddHours(5), directory.NextValidityChange());

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(now.AddDays(9), directory.NextValidityChange());
    }

    public void Dispose()
    {
        inputs.Dispose();
        database.Dispose();
    }

    private HolderDirectory Directory(TimeProvider time) =>
        new(database, time, Options.Create(new AttributeAuthorityOptions()), statuses, inputs);

    private static HeldAttributes Held(string serial, string holder, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new(serial, holder, ["approver"], null, null, notBefore, notAfter);
}
