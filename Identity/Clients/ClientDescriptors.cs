using System.Text.Json;
using Identity.Clients.Endpoints;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Clients;

/// <summary>
/// Translates between a registration and OpenIddict's application model. The permissions are
/// what OpenIddict enforces, so an application can do only what it was registered for: the token
/// endpoint always; the authorization and end-session endpoints and the code response type only
/// with authorization_code; introspection only for confidential applications; PKCE for every
/// application that uses codes.
/// </summary>
internal static class ClientDescriptors
{
    /// <summary>A descriptor for <paramref name="spec"/>; <paramref name="current"/> carries what the platform does not manage (other settings and properties).</summary>
    public static OpenIddictApplicationDescriptor Build(ClientSpec spec, OpenIddictApplicationDescriptor? current = null)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = spec.ClientId,
            DisplayName = spec.DisplayName,
            ClientType = spec.IsPublic ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = spec.RedirectUris.Any(ClientValidation.IsLoopbackHttp) ? ApplicationTypes.Native : ApplicationTypes.Web,
            ConsentType = spec.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            ClientSecret = current?.ClientSecret,
            JsonWebKeySet = spec.Jwks is null ? null : JsonWebKeySet.Create(spec.Jwks),
        };
        foreach (var (name, value) in current?.Settings ?? [])
        {
            descriptor.Settings[name] = value;
        }

        foreach (var (name, value) in current?.Properties ?? [])
        {
            if (name != ClientProperties.Audiences && name != ClientProperties.TokenEndpointAuthMethod && !ClientCertificateNames.Kinds.Contains(name))
            {
                descriptor.Properties[name] = value;
            }
        }

        spec.RedirectUris.ToList().ForEach(u => descriptor.RedirectUris.Add(new Uri(u)));
        spec.PostLogoutRedirectUris.ToList().ForEach(u => descriptor.PostLogoutRedirectUris.Add(new Uri(u)));
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (!spec.IsPublic)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (spec.UsesCode)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        spec.GrantTypes.ToList().ForEach(g => descriptor.Permissions.Add(Permissions.Prefixes.GrantType + g));
        spec.Scopes.ToList().ForEach(s => descriptor.Permissions.Add(Permissions.Prefixes.Scope + s));
        spec.Audiences.ToList().ForEach(a => descriptor.Permissions.Add(Permissions.Prefixes.Resource + a));
        descriptor.Properties[ClientProperties.Audiences] = JsonSerializer.SerializeToElement(spec.Audiences, ClientJsonContext.Default.IReadOnlyListString);
        descriptor.Properties[ClientProperties.TokenEndpointAuthMethod] = JsonSerializer.SerializeToElement(spec.AuthMethod, ClientJsonContext.Default.String);
        if (spec.CertificateName is { } certificateName)
        {
            descriptor.Properties[certificateName.Kind] = JsonSerializer.SerializeToElement(certificateName.Value, ClientJsonContext.Default.String);
        }

        return descriptor;
    }

    /// <summary>The administration API's view of a stored application: no secret hash, public keys only.</summary>
    public static async Task<Client> ReadAsync(IOpenIddictApplicationManager manager, object application, CancellationToken cancellationToken)
    {
        var permissions = await manager.GetPermissionsAsync(application, cancellationToken);
        var properties = await manager.GetPropertiesAsync(application, cancellationToken);
        var method = properties.TryGetValue(ClientProperties.TokenEndpointAuthMethod, out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : await manager.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken) ? ClientAuthMethods.None : ClientAuthMethods.ClientSecretBasic;
        var name = await ClientCertificateNames.ReadAsync(manager, application, cancellationToken);
        string? NameOf(string kind) => name?.Kind == kind ? name.Value : null;
        return new Client(
            ClientId: (await manager.GetClientIdAsync(application, cancellationToken))!,
            DisplayName: await manager.GetDisplayNameAsync(application, cancellationToken) ?? "",
            FirstParty: await manager.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken),
            ClientType: await manager.GetClientTypeAsync(application, cancellationToken) ?? ClientTypes.Confidential,
            TokenEndpointAuthMethod: method,
            RedirectUris: [.. await manager.GetRedirectUrisAsync(application, cancellationToken)],
            PostLogoutRedirectUris: [.. await manager.GetPostLogoutRedirectUrisAsync(application, cancellationToken)],
            GrantTypes: [.. Suffixes(permissions, Permissions.Prefixes.GrantType)],
            Scopes: [.. Suffixes(permissions, Permissions.Prefixes.Scope)],
            Audiences: await ClientAudiences.ReadAsync(manager, application, cancellationToken),
            Jwks: PublicJwks(await manager.GetJsonWebKeySetAsync(application, cancellationToken)),
            TlsClientAuthSubjectDn: NameOf(ClientCertificateNames.SubjectDn),
            TlsClientAuthSanDns: NameOf(ClientCertificateNames.SanDns),
            TlsClientAuthSanUri: NameOf(ClientCertificateNames.SanUri),
            TlsClientAuthSanIp: NameOf(ClientCertificateNames.SanIp),
            TlsClientAuthSanEmail: NameOf(ClientCertificateNames.SanEmail));
    }

    /// <summary>A registration request that would register <paramref name="client"/> as it is: the base a change is applied to.</summary>
    public static RegisterClientRequest ToRequest(Client client) => new(
        client.ClientId, client.DisplayName, client.FirstParty, client.RedirectUris, client.PostLogoutRedirectUris, client.GrantTypes, client.Scopes,
        client.Audiences, client.TokenEndpointAuthMethod, client.Jwks, client.TlsClientAuthSubjectDn, client.TlsClientAuthSanDns,
        client.TlsClientAuthSanUri, client.TlsClientAuthSanIp, client.TlsClientAuthSanEmail);

    private static IEnumerable<string> Suffixes(IEnumerable<string> permissions, string prefix) =>
        permissions.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p[prefix.Length..]);

    // Written member by member: only public parts, whatever the stored set holds.
    private static JsonElement? PublicJwks(JsonWebKeySet? set)
    {
        if (set is null || set.Keys.Count == 0)
        {
            return null;
        }

        var keys = new System.Text.Json.Nodes.JsonArray();
        foreach (var key in set.Keys)
        {
            var node = new System.Text.Json.Nodes.JsonObject();
            void Add(string member, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    node[member] = value;
                }
            }

            Add("kty", key.Kty);
            Add("kid", key.Kid);
            Add("use", key.Use);
            Add("alg", key.Alg);
            Add("n", key.N);
            Add("e", key.E);
            Add("crv", key.Crv);
            Add("x", key.X);
            Add("y", key.Y);
            keys.Add(node);
        }

        return JsonSerializer.SerializeToElement(new System.Text.Json.Nodes.JsonObject { ["keys"] = keys }, ClientJsonContext.Default.JsonObject);
    }
}
