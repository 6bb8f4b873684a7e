using Microsoft.AspNetCore.Http;

namespace Pki.Ca.Acme;

/// <summary>
/// The URLs of the ACME resources, on the scheme and host the client reached the server by: the
/// directory gives them out, and every JWS names the one it is sent to (RFC 8555 §6.4), which is
/// checked against the request's own.
/// </summary>
internal readonly struct AcmeUrls(HttpRequest request)
{
    public const string Root = "/acme";

    private string Base { get; } = $"{request.Scheme}://{request.Host}{request.PathBase}{Root}";

    /// <summary>The URL this request was sent to, with its query (a page of an account's orders has one).</summary>
    public string Current => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";

    public string Directory => Base + "/directory";
    public string NewNonce => Base + "/new-nonce";
    public string NewAccount => Base + "/new-account";
    public string NewOrder => Base + "/new-order";
    public string RevokeCert => Base + "/revoke-cert";
    public string KeyChange => Base + "/key-change";
    public string RenewalInfo => Base + "/renewal-info";

    public string Account(string id) => $"{Base}/account/{id}";
    public string Orders(string accountId) => $"{Base}/account/{accountId}/orders";
    public string Order(string id) => $"{Base}/order/{id}";
    public string Finalize(string orderId) => $"{Base}/order/{orderId}/finalize";
    public string Authorization(string id) => $"{Base}/authz/{id}";
    public string Challenge(string authorizationId, string type) => $"{Base}/chall/{authorizationId}/{type}";
    public string Certificate(string orderId) => $"{Base}/cert/{orderId}";

    /// <summary>The account id of an account URL of this server, or null.</summary>
    public string? AccountId(string? url) =>
        url is not null && url.StartsWith(Base + "/account/", StringComparison.Ordinal) && url[(Base.Length + 9)..] is { Length: > 0 and <= 64 } id && !id.Contains('/', StringComparison.Ordinal)
            ? id
            : null;
}
