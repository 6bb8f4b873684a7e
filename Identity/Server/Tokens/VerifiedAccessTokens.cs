using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Security;

namespace Identity.Server.Tokens;

/// <summary>
/// Access tokens whose signature, issuer, type and lifetime this node has verified, with their
/// claims: an application presents the same token on every request (through the gateway, to the
/// decision point), and a token seen again costs a lookup instead of an ECDSA verification. An
/// entry counts while the token is unexpired (with the same skew as the first check), the key
/// that signed it is still one of the provider's signing keys, and the provider's issuer is
/// unchanged. Revocation is not cached: it can change at any moment, on any node, and is read
/// from the token store on every use. Bounded at <see cref="MaxEntries"/>: when full, the whole
/// cache is dropped and refills with the tokens in use.
/// </summary>
internal sealed class VerifiedAccessTokens(TimeProvider time)
{
    internal const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The token's verified claims and stored-entry id, when it was verified under what still holds.</summary>
    public bool TryGet(string token, OpenIddictServerOptions server, out VerifiedAccessToken verified)
    {
        verified = default;
        if (!entries.TryGetValue(token, out var entry))
        {
            return false;
        }

        if (time.GetUtcNow().UtcDateTime >= entry.ValidTo + AccessTokenParameters.ClockSkew
            || entry.Issuer != server.Issuer?.AbsoluteUri
            || !server.SigningCredentials.Exists(credentials => ReferenceEquals(credentials.Key, entry.SigningKey)))
        {
            entries.TryRemove(token, out _);
            return false;
        }

        verified = entry.Token;
        return true;
    }

    /// <summary>Keeps what a full validation of <paramref name="token"/> established.</summary>
    public VerifiedAccessToken Add(string token, JsonWebToken jwt, OpenIddictServerOptions server)
    {
        var verified = new VerifiedAccessToken(
            AccessTokenClaims.Read(jwt.EncodedPayload), jwt.TryGetPayloadValue<string>(StoredTokens.IdClaim, out var id) ? id : null);
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[token] = new Entry(verified, jwt.ValidTo, jwt.SigningKey, server.Issuer?.AbsoluteUri);
        return verified;
    }

    private sealed record Entry(VerifiedAccessToken Token, DateTime ValidTo, SecurityKey SigningKey, string? Issuer);
}

/// <summary>A verified token's claims, and the stored entry its revocation is read from (none for a token naming none).</summary>
internal readonly record struct VerifiedAccessToken(ValidatedAccessToken Claims, string? StoredId);
