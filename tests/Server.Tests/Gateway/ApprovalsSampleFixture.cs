using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ApprovalsSample.Approvals;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Server.Tests.Authorization;
using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using TestSupport;

namespace Server.Tests.Gateway;

/// <summary>
/// samples/ApprovalsSample deployed as its README says: the platform with gateway routes to the
/// application's API, the application registered at the identity provider, the city's policies
/// set, and the application running on loopback (its pages on HTTPS with a certificate of the
/// platform's CA, its API on plain HTTP for the gateway). Its ports are chosen first, since the
/// gateway's routes name the API's address and the application names the platform's.
/// </summary>
public sealed class ApprovalsSampleFixture : IAsyncLifetime
{
    public const string Audience = "https://approvals.city.example";
    public const string Password = "a long enough password";
    public const string Department = "civil-affairs";

    /// <summary>The city's policies for the application: its department's staff read the list, approvers approve.</summary>
    public const string Policies = """
        @id("civil-affairs-reads") permit(principal in Department::"civil-affairs", action == Action::"read", resource == Approvals::"all");
        @id("approvers") permit(principal in Role::"approver", action == Action::"approve", resource);
        """;

    private readonly TemporaryDirectory data = new();
    private readonly TemporaryDirectory files = new();

    public PlatformServer Server { get; private set; } = null!;

    /// <summary>The application's pages, where people go.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The application's API, where the gateway forwards to.</summary>
    public Uri ApiAddress { get; private set; } = null!;

    public WebApplication Sample { get; private set; } = null!;

    public IApprovalStore Store => Sample.Services.GetRequiredService<IApprovalStore>();

    public async ValueTask InitializeAsync()
    {
        var (pagesPort, apiPort) = TwoFreePorts();
        Origin = $"https://127.0.0.1:{pagesPort}";
        ApiAddress = new Uri($"http://127.0.0.1:{apiPort}/");
        Server = await PlatformServer.StartAsync(data.Path, GatewayRoutes(ApiAddress));
        using (var admin = Server.AdminClient())
        {
            await AuthzClient.EnsureAsync(await AuthzClient.PutPoliciesAsync(admin, Policies));
        }

        var (clientId, secret) = await RegisterAsync();
        var tls = await LoopbackTlsCertificate.IssueAsync(Server, files, "approvals");
        Sample = ApprovalsSample.SampleApp.Build(
        [
            "--urls", $"{Origin};{ApiAddress.GetLeftPart(UriPartial.Authority)}",
            "--Kestrel:Certificates:Default:Path", tls.CertificateFile,
            "--Kestrel:Certificates:Default:KeyPath", tls.KeyFile,
            "--Oidc:Authority", Server.Https.GetLeftPart(UriPartial.Authority) + "/",
            "--Oidc:ClientId", clientId,
            "--Oidc:ClientSecret", secret,
            "--Oidc:TrustedCaFile", Server.DataFile("ca-chain.pem"),
            "--Approvals:GatewayUrl", Server.Https.GetLeftPart(UriPartial.Authority) + "/",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await Sample.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Sample is not null)
        {
            await Sample.StopAsync();
            await Sample.DisposeAsync();
        }

        await Server.DisposeAsync();
        data.Dispose();
        files.Dispose();
    }

    /// <summary>A new person of the department with <paramref name="roles"/>, who signs in with <see cref="Password"/>; returns the login.</summary>
    public async Task<string> NewPersonAsync(string displayName, params string[] roles)
    {
        var login = "ca-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/identity/people", new { login, displayName, department = Department, password = Password, roles });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return login;
    }

    /// <summary>The routes of the README: reading the list, approving one; both for the application's access tokens only.</summary>
    private static string[] GatewayRoutes(Uri api) =>
    [
        "--Gateway:Routes:approvals-list:ClusterId", "approvals",
        "--Gateway:Routes:approvals-list:Match:Path", "/approvals",
        "--Gateway:Routes:approvals-list:Match:Methods:0", "GET",
        "--Gateway:Routes:approvals-list:Metadata:Authentication", "Bearer",
        "--Gateway:Routes:approvals-list:Metadata:Audience", Audience,
        "--Gateway:Routes:approvals-list:Metadata:Action", "read",
        "--Gateway:Routes:approvals-list:Metadata:ResourceType", "Approvals",
        "--Gateway:Routes:approvals-list:Metadata:ResourceId", "all",
        "--Gateway:Routes:approvals-approve:ClusterId", "approvals",
        "--Gateway:Routes:approvals-approve:Match:Path", "/approvals/{id}/approve",
        "--Gateway:Routes:approvals-approve:Match:Methods:0", "POST",
        "--Gateway:Routes:approvals-approve:Metadata:Authentication", "Bearer",
        "--Gateway:Routes:approvals-approve:Metadata:Audience", Audience,
        "--Gateway:Routes:approvals-approve:Metadata:Action", "approve",
        "--Gateway:Routes:approvals-approve:Metadata:ResourceType", "Approval",
        "--Gateway:Routes:approvals-approve:Metadata:ResourceId", "{id}",
        "--Gateway:Clusters:approvals:Destinations:app:Address", api.ToString(),
    ];

    private async Task<(string ClientId, string Secret)> RegisterAsync()
    {
        var clientId = "approvals-" + Guid.NewGuid().ToString("n")[..8];
        using var admin = Server.AdminClient();
        using var response = await admin.PostAsJsonAsync("/identity/clients", new
        {
            clientId, displayName = "Online approvals", firstParty = true,
            redirectUris = new[] { Origin + "/signin-oidc" }, postLogoutRedirectUris = new[] { Origin + "/signout-callback-oidc" },
            grantTypes = new[] { "authorization_code" }, scopes = new[] { "openid", "profile", "roles" },
            audiences = new[] { Audience }, tokenEndpointAuthMethod = "client_secret_basic",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (clientId, body.GetProperty("clientSecret").GetString()!);
    }

    private static (int, int) TwoFreePorts()
    {
        // Both held open together, so that they differ.
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
