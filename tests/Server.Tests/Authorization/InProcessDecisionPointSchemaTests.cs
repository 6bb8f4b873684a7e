using Microsoft.Extensions.DependencyInjection;
using Platform.Authorization;
using Server.Tests.Hosting;
using static Server.Tests.Authorization.HolderClient;

namespace Server.Tests.Authorization;

/// <summary>Under a schema, a question the schema does not admit is refused, as <c>/authz/is-authorized</c> refuses it (a server of its own: the schema stays).</summary>
public sealed class InProcessDecisionPointSchemaTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private PlatformServer Server => fixture.Server;

    [Fact]
    public async Task QuestionOutsideTheSchema_IsRefusedAsDenied_WithTheReason()
    {
        using var admin = Server.AdminClient();
        await AuthzClient.ResetAsync(admin, """
            entity Role; entity Certificate in [Role] { clearance?: Long }; entity Approval;
            action approve appliesTo { principal: Certificate, resource: Approval };
            """, """@id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);""");
        var holder = await HolderSerialAsync(Server);
        var decisionPoint = Server.Services.GetRequiredService<IAuthorizationDecisionPoint>();

        var decision = await decisionPoint.DecideAsync(
            new AuthorizationQuestion(new CertificatePrincipal(holder), "approve", "Invoice", "i-1"), CancellationToken.None);

        Assert.False(decision.IsAllowed);
        Assert.NotNull(decision.RefusalCode);
        Assert.Contains("Invoice", decision.RefusalDetail, StringComparison.Ordinal);
    }
}
