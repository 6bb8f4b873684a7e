using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Authorization;

/// <summary>
/// Two nodes over one PostgreSQL database: policies, attribute certificates granted or revoked, and
/// separation of duty hold on both at once. Only the database's signal can deliver a
/// change in time (see <see cref="TwoNodes"/>).
/// </summary>
public sealed class TwoNodeAuthorizationTests
{
    [Fact]
    public async Task AttributeCertificate_GrantedAndRevokedOnOneNode_CountsAndStopsCountingOnTheOther()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        using var firstAdmin = first.AdminClient();
        using var secondAdmin = second.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(firstAdmin, "@id(\"clerks\") permit(principal in Role::\"clerk\", action, resource);"));
        var holder = await HolderSerialAsync(first);
        await Eventually.EqualAsync("deny", () => DecisionAsync(secondAdmin, holder)); // the policies reached the second node

        using var issued = await firstAdmin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "clerk" } });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        await Eventually.EqualAsync("allow", () => DecisionAsync(secondAdmin, holder));

        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        using var revoked = await firstAdmin.PostAsync($"/pmi/attribute-certificates/{body.RootElement.GetProperty("serialNumber").GetString()}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await Eventually.EqualAsync("deny", () => DecisionAsync(secondAdmin, holder));
    }

    [Fact]
    public async Task HolderCertificate_RevokedHeldAndReleasedOnOneNode_TheOtherDecidesAccordingly()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);
        using var firstAdmin = first.AdminClient();
        using var secondAdmin = second.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(firstAdmin, "@id(\"clerks\") permit(principal in Role::\"clerk\", action, resource);"));
        var holder = await HolderSerialAsync(first);
        await HolderClient.GrantAsync(firstAdmin, holder, "clerk");
        await Eventually.EqualAsync("allow", () => DecisionAsync(secondAdmin, holder));

        await HolderClient.ChangeCertificateAsync(firstAdmin, holder, "certificateHold");
        await Eventually.EqualAsync("deny", () => DecisionAsync(secondAdmin, holder));

        await HolderClient.ChangeCertificateAsync(firstAdmin, holder, "removeFromCRL");
        await Eventually.EqualAsync("allow", () => DecisionAsync(secondAdmin, holder));

        await HolderClient.ChangeCertificateAsync(firstAdmin, holder, "keyCompromise");
        await Eventually.EqualAsync("deny", () => DecisionAsync(secondAdmin, holder));
    }

    [Fact]
    public async Task ConflictingRoles_GrantedOnBothNodesAtOnce_AtMostOneSideIsGranted()
    {
        await using var nodes = await TwoNodes.StartAsync(
            "--Authorization:SeparationOfDuty:0:0", "approver", "--Authorization:SeparationOfDuty:0:1", "payer");
        var (first, second) = (nodes.First, nodes.Second);
        using var firstAdmin = first.AdminClient();
        using var secondAdmin = second.AdminClient();

        for (var round = 0; round < 4; round++)
        {
            var holder = await HolderSerialAsync(first);
            // Each node grants one side of the conflict, several times over, at the same moment.
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            {
                using var response = await (i % 2 == 0 ? firstAdmin : secondAdmin).PostAsJsonAsync("/pmi/attribute-certificates",
                    new { holderSerial = holder, roles = new[] { i % 2 == 0 ? "approver" : "payer" } });
                return (response.StatusCode, Role: i % 2 == 0 ? "approver" : "payer");
            }));

            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
            Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Role).Distinct());
        }
    }


    [Fact]
    public async Task ConflictingRole_GrantedByANodeWhoseClockRunsAhead_IsCountedAtOnce()
    {
        // The first node's grant is not valid yet by the second node's clock; it counts all the same.
        await using var nodes = await TwoNodes.StartAsync(
            builder => builder.Services.AddSingleton<TimeProvider>(new AheadClock(TimeSpan.FromSeconds(20))),
            "--Authorization:SeparationOfDuty:0:0", "approver", "--Authorization:SeparationOfDuty:0:1", "payer");
        var (first, second) = (nodes.First, nodes.Second);
        using var firstAdmin = first.AdminClient();
        using var secondAdmin = second.AdminClient();
        var holder = await HolderSerialAsync(first);

        using (var granted = await firstAdmin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "approver" } }))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        }

        using var conflicting = await secondAdmin.PostAsJsonAsync("/pmi/attribute-certificates", new { holderSerial = holder, roles = new[] { "payer" } });
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
    }

    private static async Task<string> HolderSerialAsync(PlatformServer node)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=holder.example.org", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        return (await node.IssueAsync(csr, "tls-client")).SerialNumber;
    }

    private static async Task<string> DecisionAsync(HttpClient admin, string holder)
    {
        using var response = await AuthzClient.IsAuthorizedAsync(admin,
            $$$"""{"principal": {"type": "Certificate", "id": "{{{holder}}}"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Case", "id": "c1"}}""");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("decision").GetString()!;
    }
}
