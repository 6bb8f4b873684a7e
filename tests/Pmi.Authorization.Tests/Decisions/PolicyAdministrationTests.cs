using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Storage;
using Platform.Auditing;
using Platform.Tests.Storage.Harness;

namespace Pmi.Authorization.Tests.Decisions;

public sealed class PolicyAdministrationTests : IDisposable
{
    private const string Schema = "entity User; entity Doc; action read appliesTo { principal: User, resource: Doc };";
    private readonly SqliteTestDatabase database = new();
    private readonly RecordingAuditTrail audit = new();
    private readonly PolicyStore store;
    private readonly PolicyDecisionPoint pdp;
    private readonly PolicyAdministration administration;

    public PolicyAdministrationTests()
    {
        store = new PolicyStore(database, audit.Outbox(), TimeProvider.System);
        pdp = new PolicyDecisionPoint(store, NullLogger<PolicyDecisionPoint>.Instance);
        administration = new PolicyAdministration(pdp, store, audit, NullLogger<PolicyAdministration>.Instance);
    }

    private static AuditEvent Event(string action) => new() { Module = "pmi.authorization", Action = action, Outcome = AuditOutcome.Success };

    [Fact]
    public async Task UpdatePoliciesAsync_AuditTrailUnavailable_RefusesAndItsEventFollowsOnceTheTrailIsBack()
    {
        await administration.UpdatePoliciesAsync("@id(\"a\") permit(principal, action, resource);", Event("policies.update"), default);
        audit.Broken = true;

        await Assert.ThrowsAsync<AuditUnavailableException>(() =>
            administration.UpdatePoliciesAsync("forbid(principal, action, resource);", Event("policies.update"), default));

        // The caller was refused and this node keeps its set; the stored version's event waits in the outbox.
        Assert.Equal("a", Assert.Single(pdp.Active.Policies.All).Id);
        var stored = (await store.LatestAsync(DocumentKind.Policies, default))!;
        Assert.Equal("forbid(principal, action, resource);", stored.Text);
        audit.Broken = false;
        Assert.Equal(1, await audit.Outbox().DrainAsync(database, TimeSpan.Zero));
        Assert.Equal(0, await audit.Outbox().DrainAsync(database, TimeSpan.Zero));
        var late = audit.Events[^1];
        Assert.Equal(AuditOutcome.Success, late.Outcome);
        Assert.Equal(stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), late.Details["version"]);
        Assert.True(late.Details.ContainsKey(AuditOutbox.CommittedAtDetail));
        Assert.Equal(2, audit.Events.Count);
    }

    [Fact]
    public async Task UpdatePoliciesAsync_Accepted_RecordsVersionAndHash()
    {
        var outcome = await administration.UpdatePoliciesAsync("permit(principal, action, resource);", Event("policies.update"), default);

        Assert.True(outcome.Accepted);
        var recorded = Assert.Single(audit.Events);
        Assert.Equal(AuditOutcome.Success, recorded.Outcome);
        Assert.Equal(outcome.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), recorded.Details["version"]);
        Assert.Equal(PolicyStore.Sha256("permit(principal, action, resource);"), recorded.Details["sha256"]);
    }

    [Fact]
    public async Task UpdatePoliciesAsync_Refused_IsAuditedAsFailure()
    {
        var outcome = await administration.UpdatePoliciesAsync("permit(", Event("policies.update"), default);

        Assert.Equal("policy-syntax-invalid", outcome.Code!.Value);
        var recorded = Assert.Single(audit.Events);
        Assert.Equal(AuditOutcome.Failure, recorded.Outcome);
        Assert.Equal("policy-syntax-invalid", recorded.Details["code"]);
        Assert.Null(await store.LatestAsync(DocumentKind.Policies, default));
    }

    [Fact]
    public async Task UpdateSchemaAsync_CounterpartChangedByAnotherNode_Reloads()
    {
        await administration.UpdateSchemaAsync(Schema, SchemaReader.CedarFormat, Event("schema.update"), default);
        // Another node stores policies directly; this node's next update must see them.
        await store.AppendAsync(DocumentKind.Policies, "cedar", "@id(\"other\") permit(principal == User::\"x\", action, resource);",
            pdp.Active.SchemaVersion, null, _ => Event("policies.update"), default);

        var outcome = await administration.UpdateSchemaAsync("entity Doc; action read appliesTo { principal: Doc, resource: Doc };", SchemaReader.CedarFormat, Event("schema.update"), default);

        Assert.Equal("schema-incompatible", outcome.Code!.Value);
        Assert.Equal("other", Assert.Single(pdp.Active.Policies.All).Id);
    }

    [Fact]
    public async Task AppendAsync_CounterpartIsStale_ThrowsConcurrentUpdate()
    {
        await administration.UpdateSchemaAsync(Schema, SchemaReader.CedarFormat, Event("schema.update"), default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() =>
            store.AppendAsync(DocumentKind.Policies, "cedar", "", counterpartVersion: 0, null, _ => Event("policies.update"), default));
    }

    [Fact]
    public async Task Decide_AfterUpdate_UsesNewGenerationAtomically()
    {
        await administration.UpdateSchemaAsync(Schema, SchemaReader.CedarFormat, Event("schema.update"), default);
        await administration.UpdatePoliciesAsync("@id(\"p\") permit(principal == User::\"alice\", action, resource);", Event("policies.update"), default);
        using var request = JsonDocument.Parse("""{"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "read"}, "resource": {"type": "Doc", "id": "d"}}""");

        var (response, _) = pdp.Decide(request.RootElement, 10);

        Assert.Equal(Decision.Allow, response!.Decision);
        Assert.Equal(["p"], response.Reasons);
    }

    [Fact]
    public async Task RunAsync_StoredVersions_AreLoadedOnStart()
    {
        await administration.UpdateSchemaAsync(Schema, SchemaReader.CedarFormat, Event("schema.update"), default);
        await administration.UpdatePoliciesAsync("permit(principal, action, resource);", Event("policies.update"), default);
        var restarted = new PolicyDecisionPoint(store, NullLogger<PolicyDecisionPoint>.Instance);

        await restarted.RunAsync(default);

        Assert.Equal(pdp.Active.PolicyVersion, restarted.Active.PolicyVersion);
        Assert.Equal(pdp.Active.SchemaVersion, restarted.Active.SchemaVersion);
        Assert.NotNull(restarted.Active.Schema);
    }

    public void Dispose() => database.Dispose();
}
