using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Storage;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Storage.OpenIddict;

/// <summary>OpenIddict's authorization store on the identity database.</summary>
internal sealed class SqlAuthorizationStore([FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database, RequestMemo? memo = null)
    : SqlStore<IdentityAuthorization>(database, IdentityAuthorization.Map, e => e.Id, e => e.ConcurrencyToken, (e, t) => e.ConcurrencyToken = t, memo),
    IOpenIddictAuthorizationStore<IdentityAuthorization>
{
    /// <summary>Its tokens go with it, in the same transaction.</summary>
    public override async ValueTask DeleteAsync(IdentityAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ForgetReads();
        await Database.WriteAsync(async (connection, transaction, ct) =>
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM tokens WHERE authorization_id = @id", ct, ("id", authorization.Id));
            return await ExecuteAsync(connection, transaction, "DELETE FROM authorizations WHERE id = @id", ct, ("id", authorization.Id));
        }, cancellationToken);
    }

    public async IAsyncEnumerable<IdentityAuthorization> FindAsync(
        string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (where, parameters) = Filters.Of(("subject", subject), ("application_id", client), ("status", status), ("type", type));
        foreach (var authorization in await QueryAsync(where, cancellationToken, parameters))
        {
            // Those that grant at least the scopes asked for.
            if (scopes is not { } wanted || wanted.All(JsonColumns.Strings(authorization.Scopes).Contains))
            {
                yield return authorization;
            }
        }
    }

    public IAsyncEnumerable<IdentityAuthorization> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        StreamAsync("WHERE application_id = @id", cancellationToken, ("id", identifier));

    public IAsyncEnumerable<IdentityAuthorization> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        StreamAsync("WHERE subject = @subject", cancellationToken, ("subject", subject));

    /// <summary>
    /// Removes, with their tokens, the authorizations created before <paramref name="threshold"/>
    /// that no longer grant anything: not valid, or ad hoc (one sign-in) with no token left.
    /// </summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        const string Stale = """
            SELECT id FROM authorizations WHERE creation_date < @threshold AND (status <> @valid
                OR (type = @adhoc AND NOT EXISTS (SELECT 1 FROM tokens WHERE tokens.authorization_id = authorizations.id)))
            """;
        ForgetReads();
        return await Database.WriteAsync(async (connection, transaction, ct) =>
        {
            var parameters = new (string, object?)[] { ("threshold", threshold.ToUnixTimeMilliseconds()), ("valid", Statuses.Valid), ("adhoc", AuthorizationTypes.AdHoc) };
            await ExecuteAsync(connection, transaction, $"DELETE FROM tokens WHERE authorization_id IN ({Stale})", ct, parameters);
            return (long)await ExecuteAsync(connection, transaction, $"DELETE FROM authorizations WHERE id IN ({Stale})", ct, parameters);
        }, cancellationToken);
    }

    public async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filters.Of(("subject", subject), ("application_id", client), ("status", status), ("type", type));
        return await WriteAsync($"UPDATE authorizations SET status = @revoked {where}", cancellationToken, [.. parameters, ("revoked", Statuses.Revoked)]);
    }

    public async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE authorizations SET status = @revoked WHERE application_id = @id", cancellationToken, ("revoked", Statuses.Revoked), ("id", identifier));

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE authorizations SET status = @revoked WHERE subject = @subject", cancellationToken, ("revoked", Statuses.Revoked), ("subject", subject));

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<IdentityAuthorization>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unbounded("authorizations");

    public ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<IdentityAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unbounded("authorizations");

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<IdentityAuthorization>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unbounded("authorizations");

    public ValueTask<string?> GetApplicationIdAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);
    public ValueTask<DateTimeOffset?> GetCreationDateAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.CreationDate);
    public ValueTask<string?> GetIdAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Id);
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) =>
        new(JsonColumns.Properties(authorization.Properties));
    public ValueTask<ImmutableArray<string>> GetScopesAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(authorization.Scopes));
    public ValueTask<string?> GetStatusAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Status);
    public ValueTask<string?> GetSubjectAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Subject);
    public ValueTask<string?> GetTypeAsync(IdentityAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Type);

    public ValueTask SetApplicationIdAsync(IdentityAuthorization authorization, string? identifier, CancellationToken cancellationToken) =>
        Set(() => authorization.ApplicationId = identifier);
    public ValueTask SetCreationDateAsync(IdentityAuthorization authorization, DateTimeOffset? date, CancellationToken cancellationToken) =>
        Set(() => authorization.CreationDate = date);
    public ValueTask SetPropertiesAsync(IdentityAuthorization authorization, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => authorization.Properties = JsonColumns.Properties(properties));
    public ValueTask SetScopesAsync(IdentityAuthorization authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        Set(() => authorization.Scopes = JsonColumns.Strings(scopes));
    public ValueTask SetStatusAsync(IdentityAuthorization authorization, string? status, CancellationToken cancellationToken) => Set(() => authorization.Status = status);
    public ValueTask SetSubjectAsync(IdentityAuthorization authorization, string? subject, CancellationToken cancellationToken) => Set(() => authorization.Subject = subject);
    public ValueTask SetTypeAsync(IdentityAuthorization authorization, string? type, CancellationToken cancellationToken) => Set(() => authorization.Type = type);
}
