using System.Data.Common;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Clients;

/// <summary>
/// The scope names registrations use, kept in OpenIddict's scope store: OpenIddict recognises a
/// requested scope only when the server or the store knows it, and answers <c>invalid_scope</c>
/// otherwise. A registration is the one place a resource scope is named, so registering a client
/// makes its scopes known; which client may ask for which stays the client's own permissions.
/// A scope no registration names any more does no harm and is kept: another client may name it
/// again, and tokens issued with it stay introspectable.
/// </summary>
internal static class ClientScopes
{
    /// <summary>The OpenID Connect scopes the server registers itself.</summary>
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess,
    };

    /// <summary>Makes every one of <paramref name="scopes"/> known to the scope store; unaudited, as it changes what nobody may do.</summary>
    public static async Task EnsureAsync(IOpenIddictScopeManager manager, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        foreach (var name in scopes.Where(s => !Standard.Contains(s)))
        {
            if (await manager.FindByNameAsync(name, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await manager.CreateAsync(new OpenIddictScopeDescriptor { Name = name, DisplayName = name }, cancellationToken);
            }
            catch (Exception e) when (e is DbException or OpenIddictExceptions.ValidationException)
            {
                // Another registration naming the same scope raced this one: the loser meets either
                // OpenIddict's own uniqueness check or, past it, the database's unique index.
                if (await manager.FindByNameAsync(name, cancellationToken) is null)
                {
                    throw;
                }
            }
        }
    }
}
