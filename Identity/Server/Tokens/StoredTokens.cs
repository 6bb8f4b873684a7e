using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server.Tokens;

/// <summary>
/// Revocation of self-contained access tokens: OpenIddict names its stored entry in each JWT it
/// issues (<c>oi_tkn_id</c>) and the revocation endpoint marks that entry, so a revoked token is
/// refused although its signature is still good.
/// </summary>
internal static class StoredTokens
{
    /// <summary>The claim naming the stored entry.</summary>
    public const string IdClaim = "oi_tkn_id";

    /// <summary>The reason a revoked token is refused.</summary>
    public const string Revoked = "it was revoked.";

    /// <summary>True when the token's stored entry is gone or no longer valid; a token naming none is judged by its signature alone.</summary>
    public static async Task<bool> IsRevokedAsync(IOpenIddictTokenManager tokens, string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return false;
        }

        var stored = await tokens.FindByIdAsync(id, cancellationToken);
        return stored is null || !await tokens.HasStatusAsync(stored, Statuses.Valid, cancellationToken);
    }
}
