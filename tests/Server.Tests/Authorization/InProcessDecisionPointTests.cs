using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Platform.Security;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.HolderClient;

namespace Server.Tests.Authorization;

/// <summary>
/// The decision point as modules hosted with it ask it (<see cref="IAuthorizationDecisionPoint"/>):
/// the same principals, policies and schema as <c>/authz/is-authorized</c>.
/// </summary>
public sealed class InProcessDecisionPointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Policies = """
        @id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);
        @id("no-archived") forbid(principal, action, resource == Approval::"archived");
        """;

    private PlatformServer Server => fixture.Server;

    private IAuthorizationDecisionPoint DecisionPoint => Server.Services.GetRequiredService<IAuthorizationDecisionPoint>();

    [Fact]
    public async Task CertificateHolder_AllowedByItsAttributeCertificate_NamesThePolicy_DeniedWithoutIt()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, Policies));
        var approver = await HolderSerialAsync(Server);
        await GrantAsync(admin, approver, "approver");
        var stranger = await HolderSerialAsync(Server);

        var allowed = await DecisionPoint.DecideAsync(Approve(new CertificatePrincipal(approver), "a-17"), CancellationToken.None);
        var denied = await DecisionPoint.DecideAsync(Approve(new CertificatePrincipal(stranger), "a-17"), CancellationToken.None);
        var forbidden = await DecisionPoint.DecideAsync(Approve(new CertificatePrincipal(approver), "archived"), CancellationToken.None);

        Assert.True(allowed.IsAllowed);
        Assert.Equal(["approvers"], allowed.DeterminingPolicies);
        Assert.False(denied.IsAllowed);
        Assert.Empty(denied.DeterminingPolicies);
        Assert.Null(denied.RefusalCode);
        Assert.False(forbidden.IsAllowed);
        Assert.Equal(["no-archived"], forbidden.DeterminingPolicies);
    }

    [Fact]
    public async Task TokenHolder_IsWhatItsValidatedTokenSays()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, Policies + """
            @id("civil-affairs-by-certificate") permit(principal in Department::"civil-affairs", action == Action::"view", resource)
              when { principal.authenticationMethods.contains("certificate") };
            """));

        var approver = await DecisionPoint.DecideAsync(Approve(Person("li.wei", ["approver"], "finance", ["pwd", "otp"]), "a-1"), CancellationToken.None);
        var clerk = await DecisionPoint.DecideAsync(Approve(Person("zhang.san", ["clerk"], "finance", ["pwd", "otp"]), "a-1"), CancellationToken.None);
        var viewer = await DecisionPoint.DecideAsync(
            new AuthorizationQuestion(Person("wang.fang", [], "civil-affairs", ["certificate"]), "view", "Approval", "a-1"), CancellationToken.None);
        var byPassword = await DecisionPoint.DecideAsync(
            new AuthorizationQuestion(Person("wang.fang", [], "civil-affairs", ["pwd", "otp"]), "view", "Approval", "a-1"), CancellationToken.None);

        Assert.True(approver.IsAllowed);
        Assert.False(clerk.IsAllowed);
        Assert.True(viewer.IsAllowed);
        Assert.Equal(["civil-affairs-by-certificate"], viewer.DeterminingPolicies);
        Assert.False(byPassword.IsAllowed);
    }

    private static AuthorizationQuestion Approve(AuthorizationPrincipal principal, string approval) =>
        new(principal, "approve", "Approval", approval);

    private static AccessTokenPrincipal Person(string login, string[] roles, string department, string[] methods) => new("unused-in-process",
        new ValidatedAccessToken(login, "approvals", IsPerson: true, department, roles, Clearance: null, methods, ["approvals"], [],
            DateTimeOffset.UtcNow.AddMinutes(5), CertificateThumbprint: null));
}
