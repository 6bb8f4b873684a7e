using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Storage;
using System.Data.Common;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Identity.Storage.OpenIddict;

/// <summary>
/// OpenIddict's application store on the identity database. A write made inside an
/// <see cref="AmbientAudit"/> scope stages that scope's event in its own transaction through the
/// audit outbox, so registering, changing or removing an application is recorded exactly once.
/// </summary>
internal sealed class SqlApplicationStore(
    [FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database, AuditOutbox? outbox = null, RequestMemo? memo = null)
    : SqlStore<IdentityApplication>(database, IdentityApplication.Map, e => e.Id, e => e.ConcurrencyToken, (e, t) => e.ConcurrencyToken = t, memo),
    IOpenIddictApplicationStore<IdentityApplication>
{
    /// <summary>Its tokens and authorizations go with it, in the same transaction.</summary>
    public override async ValueTask DeleteAsync(IdentityApplication application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        await WriteChangeAsync(async (connection, transaction, ct) =>
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM tokens WHERE application_id = @id", ct, ("id", application.Id));
            await ExecuteAsync(connection, transaction, "DELETE FROM authorizations WHERE application_id = @id", ct, ("id", application.Id));
            return await ExecuteAsync(connection, transaction, "DELETE FROM applications WHERE id = @id", ct, ("id", application.Id));
        }, cancellationToken);
    }

    protected override async Task<int> WriteChangeAsync(Func<DbConnection, DbTransaction, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        if (AmbientAudit.Take() is not { } auditEvent)
        {
            return await base.WriteChangeAsync(work, cancellationToken);
        }

        ForgetReads();
        // Fail closed: an audited change without the outbox would commit unrecorded.
        if (outbox is null)
        {
            AmbientAudit.Return();
            throw new InvalidOperationException("An audited application write needs the audit outbox, which is not registered.");
        }

        try
        {
            return await outbox.WriteAsync(Database, async (connection, transaction, ct) =>
            {
                var changed = await work(connection, transaction, ct);
                // A write that changed nothing (a stale update) records nothing.
                return new Audited<int>(changed, changed > 0 ? auditEvent : null);
            }, cancellationToken);
        }
        catch (Exception e) when (e is not AuditUnavailableException)
        {
            // Nothing committed: the caller records the refusal with this event.
            AmbientAudit.Return();
            throw;
        }
    }

    public ValueTask<IdentityApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindOneAsync("client_id", identifier, cancellationToken);

    // Redirect URIs live in a JSON list: the few applications are filtered here, matching exactly.
    public async IAsyncEnumerable<IdentityApplication> FindByPostLogoutRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var application in await QueryAsync("", cancellationToken))
        {
            if (JsonColumns.Strings(application.PostLogoutRedirectUris).Contains(uri, StringComparer.Ordinal))
            {
                yield return application;
            }
        }
    }

    public async IAsyncEnumerable<IdentityApplication> FindByRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var application in await QueryAsync("", cancellationToken))
        {
            if (JsonColumns.Strings(application.RedirectUris).Contains(uri, StringComparer.Ordinal))
            {
                yield return application;
            }
        }
    }

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<IdentityApplication>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        query(await AllAsync(cancellationToken)).LongCount();

    public async ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<IdentityApplication>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query(await AllAsync(cancellationToken), state).FirstOrDefault();

    public async IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<IdentityApplication>, TState, IQueryable<TResult>> query, TState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var result in query(await AllAsync(cancellationToken), state))
        {
            yield return result;
        }
    }

    public ValueTask<string?> GetApplicationTypeAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.ApplicationType);
    public ValueTask<string?> GetClientIdAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.ClientId);
    public ValueTask<string?> GetClientSecretAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.ClientSecret);
    public ValueTask<string?> GetClientTypeAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.ClientType);
    public ValueTask<string?> GetConsentTypeAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.ConsentType);
    public ValueTask<string?> GetDisplayNameAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.DisplayName);
    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Localized(application.DisplayNames));
    public ValueTask<string?> GetIdAsync(IdentityApplication application, CancellationToken cancellationToken) => new(application.Id);
    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(string.IsNullOrEmpty(application.JsonWebKeySet) ? null : JsonWebKeySet.Create(application.JsonWebKeySet));
    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(application.Permissions));
    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(application.PostLogoutRedirectUris));
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Properties(application.Properties));
    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(application.RedirectUris));
    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(application.Requirements));
    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(IdentityApplication application, CancellationToken cancellationToken) =>
        new(JsonColumns.Settings(application.Settings));

    public ValueTask SetApplicationTypeAsync(IdentityApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ApplicationType = type);
    public ValueTask SetClientIdAsync(IdentityApplication application, string? identifier, CancellationToken cancellationToken) => Set(() => application.ClientId = identifier);
    public ValueTask SetClientSecretAsync(IdentityApplication application, string? secret, CancellationToken cancellationToken) => Set(() => application.ClientSecret = secret);
    public ValueTask SetClientTypeAsync(IdentityApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ClientType = type);
    public ValueTask SetConsentTypeAsync(IdentityApplication application, string? type, CancellationToken cancellationToken) => Set(() => application.ConsentType = type);
    public ValueTask SetDisplayNameAsync(IdentityApplication application, string? name, CancellationToken cancellationToken) => Set(() => application.DisplayName = name);
    public ValueTask SetDisplayNamesAsync(IdentityApplication application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        Set(() => application.DisplayNames = JsonColumns.Localized(names));
    public ValueTask SetJsonWebKeySetAsync(IdentityApplication application, JsonWebKeySet? set, CancellationToken cancellationToken) =>
        Set(() => application.JsonWebKeySet = set is null ? null : JsonSerializer.Serialize(set));
    public ValueTask SetPermissionsAsync(IdentityApplication application, ImmutableArray<string> permissions, CancellationToken cancellationToken) =>
        Set(() => application.Permissions = JsonColumns.Strings(permissions));
    public ValueTask SetPostLogoutRedirectUrisAsync(IdentityApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.PostLogoutRedirectUris = JsonColumns.Strings(uris));
    public ValueTask SetPropertiesAsync(IdentityApplication application, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => application.Properties = JsonColumns.Properties(properties));
    public ValueTask SetRedirectUrisAsync(IdentityApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.RedirectUris = JsonColumns.Strings(uris));
    public ValueTask SetRequirementsAsync(IdentityApplication application, ImmutableArray<string> requirements, CancellationToken cancellationToken) =>
        Set(() => application.Requirements = JsonColumns.Strings(requirements));
    public ValueTask SetSettingsAsync(IdentityApplication application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) =>
        Set(() => application.Settings = JsonColumns.Settings(settings));
}
