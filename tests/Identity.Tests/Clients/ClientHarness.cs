using Identity.Clients;
using Identity.Clients.Endpoints;
using Identity.Storage;
using Identity.Storage.OpenIddict;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Identity.Tests.Clients;

/// <summary>The registry of applications on OpenIddict's real manager and the module's real stores, over one test database, with a trail that keeps what it is given.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public ClientHarness(StorageTarget target)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        Database = target.CreateFactory().Open(IdentityServiceCollectionExtensions.DatabaseName, IdentityMigrations.All);
        collection.AddKeyedSingleton(IdentityServiceCollectionExtensions.DatabaseName, Database);
        collection.AddSingleton<IAuditTrail>(Trail);
        collection.AddSingleton(Outbox);
        collection.AddIdentityStores();
        collection.AddSingleton<ClientRegistry>();
        services = collection.BuildServiceProvider();
    }

    public IModuleDatabase Database { get; }

    public RecordingAuditTrail Trail { get; } = new();

    public AuditOutbox Outbox => outbox ??= Trail.Outbox();

    private AuditOutbox? outbox;

    public ClientRegistry Registry => services.GetRequiredService<ClientRegistry>();

    public IOpenIddictApplicationManager Manager => services.GetRequiredService<IOpenIddictApplicationManager>();

    public static AuditEvent Template() =>
        new() { Module = ClientAudit.Module, Action = "unset", Outcome = AuditOutcome.Success, Actor = new AuditActor(User: "admin") };

    /// <summary>A registration of a web application with the code flow, to vary with <c>with</c>.</summary>
    public static RegisterClientRequest Web(string clientId) => new(
        clientId, "Online Approvals", FirstParty: null, RedirectUris: ["https://approvals.city.example/signin-oidc"],
        PostLogoutRedirectUris: ["https://approvals.city.example/signout-callback-oidc"], GrantTypes: ["authorization_code", "refresh_token"],
        Scopes: ["openid", "profile", "offline_access", "approvals.read"], Audiences: ["https://approvals.city.example"],
        TokenEndpointAuthMethod: "client_secret_basic", Jwks: null, TlsClientAuthSubjectDn: null, TlsClientAuthSanDns: null,
        TlsClientAuthSanUri: null, TlsClientAuthSanIp: null, TlsClientAuthSanEmail: null);

    public Task<ClientOutcome> CreateAsync(RegisterClientRequest request) => Registry.CreateAsync(request, Template(), CancellationToken.None);

    /// <summary>Registers; throws unless it succeeds.</summary>
    public async Task<Client> RegisterAsync(RegisterClientRequest request)
    {
        var outcome = await CreateAsync(request);
        return outcome.Value ?? throw new InvalidOperationException($"{outcome.Code}: {outcome.Detail}");
    }

    public async Task<object> ApplicationAsync(string clientId) => (await Manager.FindByClientIdAsync(clientId))!;

    public List<AuditEvent> Events(string action) => [.. Trail.Events.Where(e => e.Action == action)];

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}
