using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Storage;
using System.Collections.Immutable;
using System.Text.Json;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Storage.OpenIddict;

/// <summary>OpenIddict's token store on the identity database: every issued token's status, so tokens can be revoked and a redeemed one refused.</summary>
internal sealed class SqlTokenStore([FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database, TimeProvider time, RequestMemo? memo = null)
    : SqlStore<IdentityToken>(database, IdentityToken.Map, e => e.Id, e => e.ConcurrencyToken, (e, t) => e.ConcurrencyToken = t, memo),
    IOpenIddictTokenStore<IdentityToken>
{
    public IAsyncEnumerable<IdentityToken> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filters.Of(("subject", subject), ("application_id", client), ("status", status), ("type", type));
        return StreamAsync(where, cancellationToken, parameters);
    }

    public IAsyncEnumerable<IdentityToken> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        StreamAsync("WHERE application_id = @id", cancellationToken, ("id", identifier));

    public IAsyncEnumerable<IdentityToken> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        StreamAsync("WHERE authorization_id = @id", cancellationToken, ("id", identifier));

    public async ValueTask<IdentityToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE reference_id = @id", cancellationToken, ("id", identifier))).FirstOrDefault();

    public IAsyncEnumerable<IdentityToken> FindBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        StreamAsync("WHERE subject = @subject", cancellationToken, ("subject", subject));

    /// <summary>
    /// Removes the tokens created before <paramref name="threshold"/> that can no longer be used:
    /// redeemed, revoked or rejected, expired, or of an authorization that is no longer valid.
    /// </summary>
    public async ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) =>
        await WriteAsync("""
            DELETE FROM tokens WHERE creation_date < @threshold AND (
                (status <> @inactive AND status <> @valid)
                OR expiration_date < @now
                OR EXISTS (SELECT 1 FROM authorizations a WHERE a.id = tokens.authorization_id AND a.status <> @valid))
            """, cancellationToken,
            ("threshold", threshold.ToUnixTimeMilliseconds()), ("inactive", Statuses.Inactive), ("valid", Statuses.Valid),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));

    public async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken)
    {
        var (where, parameters) = Filters.Of(("subject", subject), ("application_id", client), ("status", status), ("type", type));
        return await WriteAsync($"UPDATE tokens SET status = @revoked {where}", cancellationToken, [.. parameters, ("revoked", Statuses.Revoked)]);
    }

    public async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE tokens SET status = @revoked WHERE application_id = @id", cancellationToken, ("revoked", Statuses.Revoked), ("id", identifier));

    public async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE tokens SET status = @revoked WHERE authorization_id = @id", cancellationToken, ("revoked", Statuses.Revoked), ("id", identifier));

    public async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE tokens SET status = @revoked WHERE subject = @subject", cancellationToken, ("revoked", Statuses.Revoked), ("subject", subject));

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<IdentityToken>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        throw Unbounded("tokens");

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<IdentityToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unbounded("tokens");

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<IdentityToken>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        throw Unbounded("tokens");

    public ValueTask<string?> GetApplicationIdAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.ApplicationId);
    public ValueTask<string?> GetAuthorizationIdAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.AuthorizationId);
    public ValueTask<DateTimeOffset?> GetCreationDateAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.CreationDate);
    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.ExpirationDate);
    public ValueTask<string?> GetIdAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.Id);
    public ValueTask<string?> GetPayloadAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.Payload);
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(IdentityToken token, CancellationToken cancellationToken) =>
        new(JsonColumns.Properties(token.Properties));
    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.RedemptionDate);
    public ValueTask<string?> GetReferenceIdAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.ReferenceId);
    public ValueTask<string?> GetStatusAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.Status);
    public ValueTask<string?> GetSubjectAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.Subject);
    public ValueTask<string?> GetTypeAsync(IdentityToken token, CancellationToken cancellationToken) => new(token.Type);

    public ValueTask SetApplicationIdAsync(IdentityToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ApplicationId = identifier);
    public ValueTask SetAuthorizationIdAsync(IdentityToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.AuthorizationId = identifier);
    public ValueTask SetCreationDateAsync(IdentityToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.CreationDate = date);
    public ValueTask SetExpirationDateAsync(IdentityToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.ExpirationDate = date);
    public ValueTask SetPayloadAsync(IdentityToken token, string? payload, CancellationToken cancellationToken) => Set(() => token.Payload = payload);
    public ValueTask SetPropertiesAsync(IdentityToken token, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => token.Properties = JsonColumns.Properties(properties));
    public ValueTask SetRedemptionDateAsync(IdentityToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.RedemptionDate = date);
    public ValueTask SetReferenceIdAsync(IdentityToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ReferenceId = identifier);
    public ValueTask SetStatusAsync(IdentityToken token, string? status, CancellationToken cancellationToken) => Set(() => token.Status = status);
    public ValueTask SetSubjectAsync(IdentityToken token, string? subject, CancellationToken cancellationToken) => Set(() => token.Subject = subject);
    public ValueTask SetTypeAsync(IdentityToken token, string? type, CancellationToken cancellationToken) => Set(() => token.Type = type);
}
