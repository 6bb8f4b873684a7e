using System.Text.Json;
using Identity.Clients;
using Identity.Clients.Endpoints;
using Identity.Storage.OpenIddict;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Tests.Storage.Harness;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Tests.Clients;

/// <summary>Registering, changing, rotating and removing applications on OpenIddict's manager over SQLite and PostgreSQL, with the permissions OpenIddict enforces and one audit event per action.</summary>
public abstract class ClientRegistryTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task Create_ClientSecretBasic_AnswersTheSecretOnce_StoresOnlyItsHash()
    {
        await using var harness = new ClientHarness(Target);

        var created = await harness.RegisterAsync(ClientHarness.Web("approvals"));

        Assert.NotNull(created.ClientSecret);
        Assert.True(created.ClientSecret.Length >= 43);
        var application = await harness.ApplicationAsync("approvals");
        Assert.NotEqual(created.ClientSecret, ((IdentityApplication)application).ClientSecret);
        Assert.DoesNotContain(created.ClientSecret, ((IdentityApplication)application).ClientSecret!, StringComparison.Ordinal);
        Assert.True(await harness.Manager.ValidateClientSecretAsync(application, created.ClientSecret));
        Assert.Null((await harness.Registry.GetAsync("approvals", CancellationToken.None))!.ClientSecret);
        var created2 = await harness.RegisterAsync(ClientHarness.Web("approvals2"));
        Assert.NotEqual(created.ClientSecret, created2.ClientSecret);
        var audit = Assert.Single(harness.Events(ClientAudit.Create), e => e.Target == "approvals");
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
        Assert.NotNull(audit.Id);
        Assert.DoesNotContain(audit.Details.Values, v => v.Contains(created.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_CodeClient_GetsExactlyThePermissionsItWasRegisteredFor()
    {
        await using var harness = new ClientHarness(Target);
        await harness.RegisterAsync(ClientHarness.Web("approvals"));
        var application = await harness.ApplicationAsync("approvals");

        string[] granted = [Permissions.Endpoints.Token, Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation, Permissions.ResponseTypes.Code, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.Prefixes.Scope + "approvals.read", Permissions.Scopes.Profile, Permissions.Prefixes.Resource + "https://approvals.city.example"];
        foreach (var permission in granted)
        {
            Assert.True(await harness.Manager.HasPermissionAsync(application, permission), permission);
        }

        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.GrantTypes.ClientCredentials));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.GrantTypes.Password));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.Scopes.Email));
        Assert.True(await harness.Manager.HasRequirementAsync(application, Requirements.Features.ProofKeyForCodeExchange));
        Assert.True(await harness.Manager.HasConsentTypeAsync(application, ConsentTypes.Explicit));
        Assert.True(await harness.Manager.ValidateRedirectUriAsync(application, "https://approvals.city.example/signin-oidc"));
        Assert.False(await harness.Manager.ValidateRedirectUriAsync(application, "https://approvals.city.example/signin-oidc/"));
        Assert.Equal(["https://approvals.city.example"], await ClientAudiences.ReadAsync(harness.Manager, application));
    }

    [Fact]
    public async Task Create_ClientCredentialsOnly_HasNoAuthorizationEndpointNorCodes_AndFirstPartySkipsConsent()
    {
        await using var harness = new ClientHarness(Target);
        await harness.RegisterAsync(ClientHarness.Web("batch") with
        {
            RedirectUris = null, PostLogoutRedirectUris = null, GrantTypes = ["client_credentials"], Scopes = ["exchange.write"], FirstParty = true,
        });
        var application = await harness.ApplicationAsync("batch");

        Assert.True(await harness.Manager.HasPermissionAsync(application, Permissions.GrantTypes.ClientCredentials));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.Endpoints.Authorization));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.ResponseTypes.Code));
        Assert.False(await harness.Manager.HasRequirementAsync(application, Requirements.Features.ProofKeyForCodeExchange));
        Assert.True(await harness.Manager.HasConsentTypeAsync(application, ConsentTypes.Implicit));
    }

    [Fact]
    public async Task Create_PublicNativeClient_NoSecret_PkceRequired_NoIntrospection()
    {
        await using var harness = new ClientHarness(Target);

        var created = await harness.RegisterAsync(ClientHarness.Web("desktop") with
        {
            TokenEndpointAuthMethod = "none", RedirectUris = ["http://127.0.0.1/callback"], PostLogoutRedirectUris = null,
        });

        Assert.Null(created.ClientSecret);
        Assert.Equal(ClientTypes.Public, created.ClientType);
        var application = await harness.ApplicationAsync("desktop");
        Assert.True(await harness.Manager.HasClientTypeAsync(application, ClientTypes.Public));
        Assert.True(await harness.Manager.HasApplicationTypeAsync(application, ApplicationTypes.Native));
        Assert.True(await harness.Manager.HasRequirementAsync(application, Requirements.Features.ProofKeyForCodeExchange));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.Endpoints.Introspection));
        var refused = await harness.CreateAsync(ClientHarness.Web("public-batch") with
        {
            TokenEndpointAuthMethod = "none", RedirectUris = null, PostLogoutRedirectUris = null, GrantTypes = ["client_credentials"],
        });
        Assert.Equal("client-inconsistent", refused.Code?.Value);
        Assert.Equal("grantTypes", refused.Field);
    }

    [Fact]
    public async Task Create_PrivateKeyJwt_StoresThePublicKeysOpenIddictVerifiesWith_RefusesPrivateOnes()
    {
        await using var harness = new ClientHarness(Target);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var publicJwk = Jwk(key, includePrivate: false);

        var created = await harness.RegisterAsync(ClientHarness.Web("signer") with { TokenEndpointAuthMethod = "private_key_jwt", Jwks = Set(publicJwk) });
        var refused = await harness.CreateAsync(ClientHarness.Web("leaky") with { TokenEndpointAuthMethod = "private_key_jwt", Jwks = Set(Jwk(key, includePrivate: true)) });
        var missing = await harness.CreateAsync(ClientHarness.Web("keyless") with { TokenEndpointAuthMethod = "private_key_jwt" });

        Assert.Null(created.ClientSecret);
        var set = await harness.Manager.GetJsonWebKeySetAsync(await harness.ApplicationAsync("signer"));
        var stored = Assert.Single(set!.Keys);
        Assert.Equal(publicJwk["x"], stored.X);
        Assert.False(stored.HasPrivateKey);
        Assert.Equal("jwks-private-key", refused.Code?.Value);
        Assert.Equal("jwks", refused.Field);
        Assert.Equal("jwks-invalid", missing.Code?.Value);
        Assert.Null(await harness.Manager.FindByClientIdAsync("leaky"));
    }

    [Fact]
    public async Task Create_TlsClientAuth_KeepsTheCertificateNameForTheTokenServer()
    {
        await using var harness = new ClientHarness(Target);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var mtls = ClientHarness.Web("exchange") with
        {
            TokenEndpointAuthMethod = "tls_client_auth", RedirectUris = null, PostLogoutRedirectUris = null, GrantTypes = ["client_credentials"],
            Jwks = Set(Jwk(key, includePrivate: false)),
        };

        var created = await harness.RegisterAsync(mtls with { TlsClientAuthSubjectDn = "CN=exchange,O=Department of Works" });
        var none = await harness.CreateAsync(mtls with { ClientId = "nameless" });
        var two = await harness.CreateAsync(mtls with { ClientId = "two", TlsClientAuthSanDns = "a.example", TlsClientAuthSanIp = "192.0.2.1" });
        var badDn = await harness.CreateAsync(mtls with { ClientId = "bad-dn", TlsClientAuthSubjectDn = "not a name" });
        var keyless = await harness.CreateAsync(mtls with { ClientId = "keyless", Jwks = null, TlsClientAuthSanDns = "exchange.city.example" });

        Assert.Null(created.ClientSecret);
        Assert.Equal("CN=exchange,O=Department of Works", created.TlsClientAuthSubjectDn);
        var application = await harness.ApplicationAsync("exchange");
        var name = await ClientCertificateNames.ReadAsync(harness.Manager, application);
        Assert.Equal(new ClientCertificateName("tls_client_auth_subject_dn", "CN=exchange,O=Department of Works"), name);
        Assert.Equal("tls_client_auth", (await harness.Manager.GetPropertiesAsync(application))["token_endpoint_auth_method"].GetString());
        Assert.Equal("tls-client-auth-subject-invalid", none.Code?.Value);
        Assert.Equal("tls-client-auth-subject-invalid", two.Code?.Value);
        Assert.Equal("tls-client-auth-subject-invalid", badDn.Code?.Value);
        Assert.Equal("tlsClientAuthSubjectDn", badDn.Field);
        Assert.Equal("jwks-invalid", keyless.Code?.Value);
    }

    [Theory]
    [InlineData("http://approvals.city.example/cb", "redirectUris")]
    [InlineData("https://approvals.city.example/cb#x", "redirectUris")]
    [InlineData("https://*.city.example/cb", "redirectUris")]
    [InlineData("/relative/cb", "redirectUris")]
    [InlineData("https://user:pw@approvals.city.example/cb", "redirectUris")]
    [InlineData("https://APPROVALS.city.example/cb", "redirectUris")]
    [InlineData("com.city.app:/cb", "redirectUris")]
    public async Task Create_BadRedirectUri_RefusedNamingTheField_AndAudited(string uri, string field)
    {
        await using var harness = new ClientHarness(Target);

        var outcome = await harness.CreateAsync(ClientHarness.Web("bad") with { RedirectUris = [uri] });

        Assert.Equal("redirect-uri-invalid", outcome.Code?.Value);
        Assert.Equal(field, outcome.Field);
        Assert.Null(await harness.Manager.FindByClientIdAsync("bad"));
        var audit = Assert.Single(harness.Events(ClientAudit.Create));
        Assert.Equal(AuditOutcome.Failure, audit.Outcome);
        Assert.Equal("redirect-uri-invalid", audit.Details["code"]);
    }

    [Fact]
    public async Task Create_OtherFieldsChecked_EachWithItsCode()
    {
        await using var harness = new ClientHarness(Target);

        Assert.Equal("grant-type-unsupported", (await harness.CreateAsync(ClientHarness.Web("a") with { GrantTypes = ["password"] })).Code?.Value);
        Assert.Equal("grant-type-unsupported", (await harness.CreateAsync(ClientHarness.Web("a") with { GrantTypes = [] })).Code?.Value);
        Assert.Equal("client-id-invalid", (await harness.CreateAsync(ClientHarness.Web("Has Space"))).Code?.Value);
        Assert.Equal("client-id-invalid", (await harness.CreateAsync(ClientHarness.Web("Upper"))).Code?.Value);
        Assert.Equal("display-name-invalid", (await harness.CreateAsync(ClientHarness.Web("a") with { DisplayName = null })).Code?.Value);
        Assert.Equal("scope-invalid", (await harness.CreateAsync(ClientHarness.Web("a") with { Scopes = ["has space"] })).Code?.Value);
        Assert.Equal("audience-invalid", (await harness.CreateAsync(ClientHarness.Web("a") with { Audiences = ["not a uri"] })).Code?.Value);
        Assert.Equal("auth-method-unsupported", (await harness.CreateAsync(ClientHarness.Web("a") with { TokenEndpointAuthMethod = "client_secret_post" })).Code?.Value);
        Assert.Equal("client-inconsistent", (await harness.CreateAsync(ClientHarness.Web("a") with { RedirectUris = [] })).Code?.Value);
        Assert.Equal("client-inconsistent", (await harness.CreateAsync(ClientHarness.Web("a") with { TlsClientAuthSanDns = "a.example" })).Code?.Value);
        Assert.Equal(0, await harness.Manager.CountAsync());
    }

    [Fact]
    public async Task Create_WithoutClientId_GeneratesOne_AndTakenIdConflicts()
    {
        await using var harness = new ClientHarness(Target);

        var generated = await harness.RegisterAsync(ClientHarness.Web(null!) with { ClientId = null });
        await harness.RegisterAsync(ClientHarness.Web("portal"));
        var again = await harness.CreateAsync(ClientHarness.Web("portal") with { DisplayName = "Other" });

        Assert.Matches("^[0-9a-f]{32}$", generated.ClientId);
        Assert.Equal("client-exists", again.Code?.Value);
        Assert.Equal("Online Approvals", (await harness.Registry.GetAsync("portal", CancellationToken.None))!.DisplayName);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], harness.Events(ClientAudit.Create).Where(e => e.Target == "portal").Select(e => e.Outcome));
    }

    [Fact]
    public async Task Create_TwoRacingRegistrationsOfOneId_OneWins_TheOtherConflicts_EachAuditedOnce()
    {
        await using var first = new ClientHarness(Target);
        await using var second = new ClientHarness(Target);

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.CreateAsync(ClientHarness.Web("raced"))),
            Task.Run(() => second.CreateAsync(ClientHarness.Web("raced") with { DisplayName = "Second" })));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal("client-exists", Assert.Single(outcomes, o => !o.Succeeded).Code?.Value);
        var events = first.Events(ClientAudit.Create).Concat(second.Events(ClientAudit.Create)).ToList();
        Assert.Equal(2, events.Count);
        Assert.Single(events, e => e.Outcome == AuditOutcome.Success);
        Assert.Equal("client-exists", Assert.Single(events, e => e.Outcome == AuditOutcome.Failure).Details["code"]);
        Assert.Equal(1, await first.Manager.CountAsync());
    }

    [Fact]
    public async Task Update_ChangesWhatItNames_KeepsTheSecretAndTheRest()
    {
        await using var harness = new ClientHarness(Target);
        var created = await harness.RegisterAsync(ClientHarness.Web("approvals"));

        var outcome = await harness.Registry.UpdateAsync("approvals", new UpdateClientRequest("Approvals 2", true, ["https://approvals.city.example/cb2"],
            null, null, ["openid"], null, null, null, null, null, null, null), ClientHarness.Template(), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        var application = await harness.ApplicationAsync("approvals");
        Assert.True(await harness.Manager.ValidateClientSecretAsync(application, created.ClientSecret!));
        Assert.True(await harness.Manager.ValidateRedirectUriAsync(application, "https://approvals.city.example/cb2"));
        Assert.False(await harness.Manager.ValidateRedirectUriAsync(application, "https://approvals.city.example/signin-oidc"));
        Assert.False(await harness.Manager.HasPermissionAsync(application, Permissions.Scopes.Profile));
        Assert.True(await harness.Manager.HasConsentTypeAsync(application, ConsentTypes.Implicit));
        Assert.Equal(created.GrantTypes, outcome.Value!.GrantTypes);
        Assert.Equal(created.Audiences, outcome.Value.Audiences);
        var audit = Assert.Single(harness.Events(ClientAudit.Update));
        Assert.Equal("displayName,firstParty,redirectUris,scopes", audit.Details["fields"]);
    }

    [Fact]
    public async Task RotateSecret_NewSecretWorks_OldOneStops_OnlyForSecretClients()
    {
        await using var harness = new ClientHarness(Target);
        var created = await harness.RegisterAsync(ClientHarness.Web("approvals"));
        await harness.RegisterAsync(ClientHarness.Web("desktop") with { TokenEndpointAuthMethod = "none", PostLogoutRedirectUris = null });

        var rotated = await harness.Registry.RotateSecretAsync("approvals", ClientHarness.Template(), CancellationToken.None);
        var publicClient = await harness.Registry.RotateSecretAsync("desktop", ClientHarness.Template(), CancellationToken.None);

        var application = await harness.ApplicationAsync("approvals");
        Assert.NotEqual(created.ClientSecret, rotated.Value!.ClientSecret);
        Assert.True(await harness.Manager.ValidateClientSecretAsync(application, rotated.Value.ClientSecret!));
        Assert.False(await harness.Manager.ValidateClientSecretAsync(application, created.ClientSecret!));
        Assert.Equal("client-secret-unused", publicClient.Code?.Value);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], harness.Events(ClientAudit.SecretRotate).Select(e => e.Outcome));
    }

    [Fact]
    public async Task Delete_RemovesIt_UnknownIsRefusedAndAudited()
    {
        await using var harness = new ClientHarness(Target);
        await harness.RegisterAsync(ClientHarness.Web("approvals"));

        var deleted = await harness.Registry.DeleteAsync("approvals", ClientHarness.Template(), CancellationToken.None);
        var again = await harness.Registry.DeleteAsync("approvals", ClientHarness.Template(), CancellationToken.None);

        Assert.True(deleted.Succeeded);
        Assert.Null(await harness.Manager.FindByClientIdAsync("approvals"));
        Assert.Equal("client-unknown", again.Code?.Value);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failure], harness.Events(ClientAudit.Delete).Select(e => e.Outcome));
    }

    [Fact]
    public async Task Create_WhenTheTrailIsDown_FailsClosed_AndTheEventIsDeliveredOnceLater()
    {
        await using var harness = new ClientHarness(Target);
        harness.Trail.Broken = true;

        await Assert.ThrowsAsync<AuditUnavailableException>(() => harness.CreateAsync(ClientHarness.Web("approvals")));

        harness.Trail.Broken = false;
        Assert.Equal(1, await harness.Outbox.DrainAsync(harness.Database, TimeSpan.Zero));
        Assert.Equal(0, await harness.Outbox.DrainAsync(harness.Database, TimeSpan.Zero));
        var audit = Assert.Single(harness.Events(ClientAudit.Create));
        Assert.Equal("approvals", audit.Target);
        Assert.NotNull(await harness.Manager.FindByClientIdAsync("approvals"));
    }

    [Fact]
    public async Task List_PagesByClientId()
    {
        await using var harness = new ClientHarness(Target);
        foreach (var id in new[] { "c", "a", "b" })
        {
            await harness.RegisterAsync(ClientHarness.Web(id));
        }

        var (first, more) = await harness.Registry.ListAsync(2, null, CancellationToken.None);
        var (second, end) = await harness.Registry.ListAsync(2, first[^1].ClientId, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Select(c => c.ClientId));
        Assert.True(more);
        Assert.Equal(["c"], second.Select(c => c.ClientId));
        Assert.False(end);
        Assert.All(first.Concat(second), c => Assert.Null(c.ClientSecret));
    }

    private static Dictionary<string, string> Jwk(System.Security.Cryptography.ECDsa key, bool includePrivate)
    {
        var p = key.ExportParameters(includePrivate);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "k1", ["use"] = "sig",
            ["x"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.X), ["y"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.Y),
        };
        if (includePrivate)
        {
            jwk["d"] = System.Buffers.Text.Base64Url.EncodeToString(p.D);
        }

        return jwk;
    }

    private static JsonElement Set(Dictionary<string, string> jwk) => JsonSerializer.SerializeToElement(new { keys = new[] { jwk } });
}

public sealed class ClientRegistrySqliteTests() : ClientRegistryTests(new SqliteStorageTarget());

public sealed class ClientRegistryPostgreSqlTests() : ClientRegistryTests(new PostgreSqlStorageTarget());
