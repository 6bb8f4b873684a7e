using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.HolderClient;

namespace Server.Tests.Authorization;

/// <summary>A privilege dies with its holder: attribute certificates and delegations count only while the holder's own certificate is good.</summary>
public sealed class HolderCertificateStatusTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ClerkPolicy = "@id(\"clerks\") permit(principal in Role::\"status-clerk\", action, resource);";

    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task IsAuthorized_HolderCertificateRevoked_Denies()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ClerkPolicy));
        var holder = await HolderSerialAsync(Server);
        await GrantAsync(admin, holder, "status-clerk");
        Assert.Equal("allow", await DecisionAsync(admin, holder));

        await ChangeCertificateAsync(admin, holder, "keyCompromise");

        Assert.Equal("deny", await DecisionAsync(admin, holder));
    }

    [Fact]
    public async Task IsAuthorized_HolderCertificateOnHold_DeniesUntilTheHoldIsLifted()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ClerkPolicy));
        var holder = await HolderSerialAsync(Server);
        await GrantAsync(admin, holder, "status-clerk");

        await ChangeCertificateAsync(admin, holder, "certificateHold");
        Assert.Equal("deny", await DecisionAsync(admin, holder));

        await ChangeCertificateAsync(admin, holder, "removeFromCRL");
        Assert.Equal("allow", await DecisionAsync(admin, holder));
    }

    [Fact]
    public async Task Issue_UnderDelegationWhoseDelegateIsOnHold_IsRefusedUntilTheHoldIsLifted()
    {
        using var admin = Server.AdminClient();
        using var lead = await AuthzClient.ClientCertificateAsync(Server, "CN=status-lead.example.org");
        using var deputy = await AuthzClient.ClientCertificateAsync(Server, "CN=status-deputy.example.org");
        using (var top = await admin.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(lead), roles = new[] { "status-clerk" }, maxDepth = 1 }))
        {
            Assert.Equal(HttpStatusCode.Created, top.StatusCode);
        }

        using var leadClient = Server.HttpsClient(lead);
        using (var below = await leadClient.PostAsJsonAsync("/pmi/delegations", new { delegateSerial = Serial(deputy), roles = new[] { "status-clerk" }, maxDepth = 0 }))
        {
            Assert.Equal(HttpStatusCode.Created, below.StatusCode);
        }

        using var deputyClient = Server.HttpsClient(deputy);
        await ChangeCertificateAsync(admin, Serial(lead), "certificateHold");

        // The deputy's own certificate is good, but the delegation above it died with the lead's.
        using (var refused = await deputyClient.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(Server), roles = new[] { "status-clerk" } }))
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "role-required");
        }

        await ChangeCertificateAsync(admin, Serial(lead), "removeFromCRL");
        using var granted = await deputyClient.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = await HolderSerialAsync(Server), roles = new[] { "status-clerk" } });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
    }

    [Fact]
    public async Task IsAuthorized_ForgedHolderEntity_IsRefusedWhateverThePlatformKnows()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, "@id(\"approvers\") permit(principal in Role::\"approver\", action, resource);"));
        var revoked = await HolderSerialAsync(Server);
        var attribute = await GrantAsync(admin, revoked, "clerk");
        using (var revoke = await admin.PostAsync($"/pmi/attribute-certificates/{attribute}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        var neverCertified = await HolderSerialAsync(Server);
        foreach (var holder in new[] { revoked, neverCertified, "abcdef0123" })
        {
            using var forged = await AuthzClient.IsAuthorizedAsync(admin,
                $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}, "entities": [{"uid": {"type": "Certificate", "id": "{{{holder}}}"}, "attrs": {}, "parents": [{"type": "Role", "id": "approver"}]}]}""");
            await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest, "entity-reserved");
        }
    }

    [Fact]
    public async Task IsAuthorized_RoleGivenParentsByTheCaller_IsRefused()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, "@id(\"approvers\") permit(principal in Role::\"approver\", action, resource);"));
        var holder = await HolderSerialAsync(Server);
        await GrantAsync(admin, holder, "clerk");

        using var forged = await AuthzClient.IsAuthorizedAsync(admin,
            $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}, "entities": [{"uid": {"type": "Role", "id": "clerk"}, "attrs": {}, "parents": [{"type": "Role", "id": "approver"}]}]}""");

        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest, "entity-reserved");
    }

    [Fact]
    public async Task Restart_HolderCertificateRevoked_StillDenies()
    {
        using var data = new TestSupport.TemporaryDirectory();
        string holder;
        await using (var first = await PlatformServer.StartAsync(data.Path))
        {
            using var admin = first.AdminClient();
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ClerkPolicy));
            holder = await HolderSerialAsync(first);
            await GrantAsync(admin, holder, "status-clerk");
            await ChangeCertificateAsync(admin, holder, "keyCompromise");
        }

        await using var second = await PlatformServer.StartAsync(data.Path);
        using var client = second.AdminClient();
        Assert.Equal("deny", await DecisionAsync(client, holder));
    }

    [Fact]
    public async Task IsAuthorized_HolderCertificateExpired_Denies()
    {
        using var data = new TestSupport.TemporaryDirectory();
        var clock = new MovableClock();
        // A client profile of one day, so that the holder's certificate expires long before anything else.
        await using var server = await PlatformServer.StartAsync(data.Path, builder => builder.Services.AddSingleton<TimeProvider>(clock),
            "--Pki:Profiles:brief-client:ValidityDays", "1", "--Pki:Profiles:brief-client:KeyUsage:0", "digitalSignature",
            "--Pki:Profiles:brief-client:ExtendedKeyUsage:0", "clientAuth", "--Pki:Profiles:brief-client:RequireCommonName", "true");
        using var admin = server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, ClerkPolicy));
        var holder = await HolderSerialAsync(server, "brief-client");
        await GrantAsync(admin, holder, "status-clerk");
        Assert.Equal("allow", await DecisionAsync(admin, holder));

        clock.Advance(TimeSpan.FromDays(2)); // the attribute certificate (30 days) is still valid; its holder's certificate is not

        Assert.Equal("deny", await DecisionAsync(admin, holder));
    }
}
