using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identity.Clients.Endpoints;

/// <summary>The body of <c>POST /identity/clients</c>; see docs/identity.md for each field.</summary>
public sealed record RegisterClientRequest(
    [property: Required] string? ClientId,
    [property: Required] string? DisplayName,
    bool? FirstParty,
    IReadOnlyList<string>? RedirectUris,
    IReadOnlyList<string>? PostLogoutRedirectUris,
    IReadOnlyList<string>? GrantTypes,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? Audiences,
    string? TokenEndpointAuthMethod,
    JsonElement? Jwks,
    string? TlsClientAuthSubjectDn,
    string? TlsClientAuthSanDns,
    string? TlsClientAuthSanUri,
    string? TlsClientAuthSanIp,
    string? TlsClientAuthSanEmail);

/// <summary>
/// The body of <c>PATCH /identity/clients/{clientId}</c>: members given replace the registered
/// ones, the others are kept. The client id and the authentication method cannot change.
/// </summary>
public sealed record UpdateClientRequest(
    string? DisplayName,
    bool? FirstParty,
    IReadOnlyList<string>? RedirectUris,
    IReadOnlyList<string>? PostLogoutRedirectUris,
    IReadOnlyList<string>? GrantTypes,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? Audiences,
    JsonElement? Jwks,
    string? TlsClientAuthSubjectDn,
    string? TlsClientAuthSanDns,
    string? TlsClientAuthSanUri,
    string? TlsClientAuthSanIp,
    string? TlsClientAuthSanEmail);

/// <summary>A page of <c>GET /identity/clients</c>.</summary>
/// <param name="Clients">The applications, by client id.</param>
/// <param name="Next">The cursor of the next page, or null on the last.</param>
public sealed record ClientPage(IReadOnlyList<Client> Clients, string? Next);

/// <summary>Source-generated JSON for the applications API: camelCase, no reflection, absent members left out; unknown members are refused.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterClientRequest))]
[JsonSerializable(typeof(UpdateClientRequest))]
[JsonSerializable(typeof(Client))]
[JsonSerializable(typeof(ClientPage))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class ClientJsonContext : JsonSerializerContext;
