using Identity.Storage;
using Identity.Storage.OpenIddict;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Storage;
using Platform.Tests.Storage.Harness;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Tests.Storage;

/// <summary>
/// OpenIddict's own managers over the module's stores, on SQLite and PostgreSQL: what the
/// server relies on for clients, codes and refresh tokens.
/// </summary>
public abstract class OpenIddictStoreTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task Application_RoundTrips_SecretIsHashed_RedirectUrisMatchExactly()
    {
        await using var node = Node();
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();

        var created = await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = "portal",
            ClientSecret = "a long client secret",
            ClientType = ClientTypes.Confidential,
            DisplayName = "Portal",
            RedirectUris = { new Uri("https://portal.example/callback") },
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "api" },
        });

        var found = await applications.FindByClientIdAsync("portal");
        Assert.NotNull(found);
        Assert.Equal(await applications.GetIdAsync(created), await applications.GetIdAsync(found));
        Assert.Equal("Portal", await applications.GetDisplayNameAsync(found));
        Assert.True(await applications.HasPermissionAsync(found, Permissions.GrantTypes.ClientCredentials));
        Assert.NotEqual("a long client secret", ((IdentityApplication)found).ClientSecret);
        Assert.True(await applications.ValidateClientSecretAsync(found, "a long client secret"));
        Assert.False(await applications.ValidateClientSecretAsync(found, "a long client secreT"));
        Assert.True(await applications.ValidateRedirectUriAsync(found, "https://portal.example/callback"));
        Assert.False(await applications.ValidateRedirectUriAsync(found, "https://portal.example/callback/"));
        Assert.False(await applications.ValidateRedirectUriAsync(found, "https://PORTAL.example/callback"));
        Assert.Null(await applications.FindByClientIdAsync("Portal"));
    }

    [Fact]
    public async Task Token_IsRedeemedOnce_EvenWhenTwoNodesRace()
    {
        await using var first = Node();
        await using var second = Node();
        var id = await NewTokenAsync(first, authorizationId: null);

        var tokens = new[] { first, second }.Select(n => n.GetRequiredService<IOpenIddictTokenManager>()).ToArray();
        var read = await Task.WhenAll(tokens.Select(async t => (await t.FindByIdAsync(id))!));
        var redeemed = await Task.WhenAll(tokens.Zip(read).Select(p => p.First.TryRedeemAsync(p.Second).AsTask()));

        Assert.Equal(1, redeemed.Count(r => r));
        var after = await tokens[0].FindByIdAsync(id);
        Assert.Equal(Statuses.Redeemed, await tokens[0].GetStatusAsync(after!));
    }

    [Fact]
    public async Task RevokingAnAuthorization_RevokesEveryTokenOfIt_AndNoOther()
    {
        await using var node = Node();
        var authorizations = node.GetRequiredService<IOpenIddictAuthorizationManager>();
        var tokens = node.GetRequiredService<IOpenIddictTokenManager>();
        var application = await NewApplicationAsync(node);
        var authorization = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = application, Subject = "li.wei", Status = Statuses.Valid, Type = AuthorizationTypes.Permanent,
            CreationDate = DateTimeOffset.UtcNow, Scopes = { Scopes.OpenId, Scopes.OfflineAccess },
        });
        var family = await authorizations.GetIdAsync(authorization);
        var inFamily = new[] { await NewTokenAsync(node, family, application), await NewTokenAsync(node, family, application) };
        var other = await NewTokenAsync(node, null, application);

        var revoked = await tokens.RevokeByAuthorizationIdAsync(family!);

        Assert.Equal(2, revoked);
        foreach (var id in inFamily)
        {
            Assert.Equal(Statuses.Revoked, await tokens.GetStatusAsync((await tokens.FindByIdAsync(id))!));
        }

        Assert.Equal(Statuses.Valid, await tokens.GetStatusAsync((await tokens.FindByIdAsync(other))!));
        var stored = await authorizations.FindByIdAsync(family!);
        Assert.Equal([Scopes.OpenId, Scopes.OfflineAccess], await authorizations.GetScopesAsync(stored!));
    }

    [Fact]
    public async Task Prune_RemovesOnlyOldTokensThatExpired()
    {
        await using var node = Node();
        var tokens = node.GetRequiredService<IOpenIddictTokenManager>();
        var expired = await NewTokenAsync(node, null, created: DateTimeOffset.UtcNow.AddDays(-31), expires: DateTimeOffset.UtcNow.AddDays(-30));
        var oldButLive = await NewTokenAsync(node, null, created: DateTimeOffset.UtcNow.AddDays(-31), expires: DateTimeOffset.UtcNow.AddDays(5));
        var recentlyExpired = await NewTokenAsync(node, null, expires: DateTimeOffset.UtcNow.AddMinutes(-5));

        await tokens.PruneAsync(DateTimeOffset.UtcNow.AddDays(-14));

        Assert.Null(await tokens.FindByIdAsync(expired));
        Assert.NotNull(await tokens.FindByIdAsync(oldButLive));
        Assert.NotNull(await tokens.FindByIdAsync(recentlyExpired));
    }

    [Fact]
    public async Task DeletingAnApplication_RemovesItsTokensWithIt()
    {
        await using var node = Node();
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        var tokens = node.GetRequiredService<IOpenIddictTokenManager>();
        var application = await NewApplicationAsync(node);
        var token = await NewTokenAsync(node, null, application);

        await applications.DeleteAsync((await applications.FindByIdAsync(application))!);

        Assert.Null(await applications.FindByIdAsync(application));
        Assert.Null(await tokens.FindByIdAsync(token));
    }

    [Fact]
    public async Task StaleUpdate_IsRefused_NotLost()
    {
        await using var node = Node();
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        var id = await NewApplicationAsync(node);
        var one = (await applications.FindByIdAsync(id))!;
        var two = (await applications.FindByIdAsync(id))!;
        var descriptor = new OpenIddictApplicationDescriptor();

        await applications.PopulateAsync(descriptor, one);
        descriptor.DisplayName = "First";
        await applications.UpdateAsync(one, descriptor);
        await applications.PopulateAsync(descriptor, two);
        descriptor.DisplayName = "Second";

        await Assert.ThrowsAsync<OpenIddictExceptions.ConcurrencyException>(() => applications.UpdateAsync(two, descriptor).AsTask());
        Assert.Equal("First", await applications.GetDisplayNameAsync((await applications.FindByIdAsync(id))!));
    }

    [Fact]
    public async Task WithinOneRequest_TheClientIsReadOnce_TheNextRequestAndWorkOutsideRequestsReadItAgain()
    {
        await using var node = Node();
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        var requests = node.GetRequiredService<IHttpContextAccessor>();
        var clientId = await NewClientIdAsync(node);

        requests.HttpContext = new DefaultHttpContext();
        Assert.Equal("App", await DisplayNameAsync(applications, clientId));
        await RenameBehindTheStoresAsync(clientId, "Renamed");
        Assert.Equal("App", await DisplayNameAsync(applications, clientId));

        requests.HttpContext = new DefaultHttpContext();
        Assert.Equal("Renamed", await DisplayNameAsync(applications, clientId));

        requests.HttpContext = null;
        await RenameBehindTheStoresAsync(clientId, "Outside");
        Assert.Equal("Outside", await DisplayNameAsync(applications, clientId));
    }

    [Fact]
    public async Task AWriteDuringARequest_WhatTheRequestReadsNextComesFromTheDatabase()
    {
        await using var node = Node();
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        var requests = node.GetRequiredService<IHttpContextAccessor>();
        var clientId = await NewClientIdAsync(node);
        requests.HttpContext = new DefaultHttpContext();
        Assert.Equal("App", await DisplayNameAsync(applications, clientId));
        await RenameBehindTheStoresAsync(clientId, "Renamed");

        await NewTokenAsync(node, authorizationId: null);

        Assert.Equal("Renamed", await DisplayNameAsync(applications, clientId));
    }

    private static async Task<string?> DisplayNameAsync(IOpenIddictApplicationManager applications, string clientId) =>
        await applications.GetDisplayNameAsync((await applications.FindByClientIdAsync(clientId))!);

    private Task RenameBehindTheStoresAsync(string clientId, string name) =>
        Target.ExecuteRawAsync(IdentityServiceCollectionExtensions.DatabaseName, $"UPDATE applications SET display_name = '{name}' WHERE client_id = '{clientId}'");

    private static async Task<string> NewClientIdAsync(ServiceProvider node)
    {
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        return (await applications.GetClientIdAsync((await applications.FindByIdAsync(await NewApplicationAsync(node)))!))!;
    }

    /// <summary>One node's services: its own connection pool and writer on the shared database.</summary>
    private ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        var database = Target.CreateFactory().Open(IdentityServiceCollectionExtensions.DatabaseName, IdentityMigrations.All);
        services.AddKeyedSingleton<IModuleDatabase>(IdentityServiceCollectionExtensions.DatabaseName, database);
        services.AddIdentityStores();
        return services.BuildServiceProvider();
    }

    private static async Task<string> NewApplicationAsync(ServiceProvider node)
    {
        var applications = node.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = "app-" + Guid.NewGuid().ToString("n"), ClientType = ClientTypes.Public, DisplayName = "App",
        });
        return (await applications.GetIdAsync(application))!;
    }

    private static async Task<string> NewTokenAsync(ServiceProvider node, string? authorizationId, string? applicationId = null, DateTimeOffset? created = null, DateTimeOffset? expires = null)
    {
        var tokens = node.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            ApplicationId = applicationId, AuthorizationId = authorizationId, Subject = "li.wei", Status = Statuses.Valid,
            Type = TokenTypeHints.RefreshToken, CreationDate = created ?? DateTimeOffset.UtcNow, ExpirationDate = expires ?? DateTimeOffset.UtcNow.AddDays(1),
        });
        return (await tokens.GetIdAsync(token))!;
    }
}

public sealed class OpenIddictStoreSqliteTests() : OpenIddictStoreTests(new SqliteStorageTarget());

public sealed class OpenIddictStorePostgreSqlTests() : OpenIddictStoreTests(new PostgreSqlStorageTarget());
