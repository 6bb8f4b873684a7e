using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using System.Text.Json.Nodes;

namespace Identity.Tests.Signing;

/// <summary>
/// The JWKS OpenIddict's own discovery handler (<c>AttachSigningKeys</c>) builds from the
/// server options, as JSON: exactly the keys a relying party downloads.
/// </summary>
internal static class PublishedJwks
{
    public static async Task<List<JsonObject>> FromAsync(OpenIddictServerOptions options)
    {
        var transaction = new OpenIddictServerTransaction { Options = options, Logger = NullLogger.Instance };
        var context = new OpenIddictServerEvents.HandleJsonWebKeySetRequestContext(transaction);
        await new OpenIddictServerHandlers.Discovery.AttachSigningKeys().HandleAsync(context);
        return [.. context.Keys.Select(ToJson)];
    }

    private static JsonObject ToJson(JsonWebKey key)
    {
        var json = new JsonObject();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }

        Add("kty", key.Kty);
        Add("use", key.Use);
        Add("alg", key.Alg);
        Add("kid", key.Kid);
        Add("crv", key.Crv);
        Add("x", key.X);
        Add("y", key.Y);
        Add("n", key.N);
        Add("e", key.E);
        Add("d", key.D);
        Add("p", key.P);
        return json;
    }
}
