using System.Net;
using Server.Tests.Audit;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Registration;

/// <summary>
/// Two nodes over one PostgreSQL database: a request submitted on one is decided on the other, and
/// officers approving the same request on both nodes at once decide it once, with one certificate.
/// </summary>
public sealed class TwoNodeRegistrationTests
{
    [Fact]
    public async Task RequestSubmittedOnOneNode_IsDecidedOnTheOther_AndRacingApprovalsIssueOnce()
    {
        await using var nodes = await TwoNodes.StartAsync(SealProfile);
        var (first, second) = (nodes.First, nodes.Second);

        var department = await DepartmentAsync(first);
        using var clerk = first.HttpsClient(await PersonAsync(first, department));
        var officerOne = await PersonAsync(first, department, "registration-officer");
        var officerTwo = await PersonAsync(first, department, "registration-officer");
        using var onFirst = first.HttpsClient(officerOne);
        using var onSecond = second.HttpsClient(officerTwo);
        var single = await SubmittedAsync(clerk, department, "document-signing", TestCsrs.Ecdsa("CN=Clerk Feng,O=City Finance"));
        var sealed_ = await SubmittedAsync(clerk, department, "seal", TestCsrs.Ecdsa("CN=Finance seal,O=City Finance"));
        // The second node decides once it heard of the policies and the officers' attribute certificates.
        await Eventually.EqualAsync(HttpStatusCode.OK, async () => (await onSecond.GetAsync($"/pki/requests/{single}")).StatusCode);

        var race = await Task.WhenAll(ApproveAsync(onFirst, single), ApproveAsync(onSecond, single));
        var both = await Task.WhenAll(ApproveAsync(onFirst, sealed_), ApproveAsync(onSecond, sealed_));

        Assert.Single(race, r => r.StatusCode == HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(Assert.Single(race, r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict, "certificate-request-closed");
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var issuedSeal = await RequestAsync(clerk, sealed_);
        Assert.Equal("issued", issuedSeal.GetProperty("status").GetString());
        Assert.Equal(2, issuedSeal.GetProperty("approvals").GetArrayLength());
        using var admin2 = second.AdminClient();
        var issuances = (await AuditEvents.ListAsync(admin2, "?module=pki.ca&action=certificate.issue&limit=500"))
            .Where(e => e.GetProperty("details").TryGetProperty("request", out var request) && (request.GetString() == single || request.GetString() == sealed_))
            .ToList();
        Assert.Equal(2, issuances.Count);
        foreach (var response in race.Concat(both))
        {
            response.Dispose();
        }
    }
}
