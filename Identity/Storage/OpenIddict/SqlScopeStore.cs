using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Storage;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Identity.Storage.OpenIddict;

/// <summary>OpenIddict's scope store on the identity database.</summary>
internal sealed class SqlScopeStore([FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database, RequestMemo? memo = null)
    : SqlStore<IdentityScope>(database, IdentityScope.Map, e => e.Id, e => e.ConcurrencyToken, (e, t) => e.ConcurrencyToken = t, memo),
    IOpenIddictScopeStore<IdentityScope>
{
    public async ValueTask<IdentityScope?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE name = @name", cancellationToken, ("name", name))).FirstOrDefault();

    public async IAsyncEnumerable<IdentityScope> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scope in await QueryAsync("", cancellationToken))
        {
            if (names.Contains(scope.Name!, StringComparer.Ordinal))
            {
                yield return scope;
            }
        }
    }

    public async IAsyncEnumerable<IdentityScope> FindByResourceAsync(string resource, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var scope in await QueryAsync("", cancellationToken))
        {
            if (JsonColumns.Strings(scope.Resources).Contains(resource, StringComparer.Ordinal))
            {
                yield return scope;
            }
        }
    }

    public async ValueTask<long> CountAsync<TResult>(Func<IQueryable<IdentityScope>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        query(await AllAsync(cancellationToken)).LongCount();

    public async ValueTask<TResult?> GetAsync<TState, TResult>(
        Func<IQueryable<IdentityScope>, TState, IQueryable<TResult>> query, TState state, CancellationToken cancellationToken) =>
        query(await AllAsync(cancellationToken), state).FirstOrDefault();

    public async IAsyncEnumerable<TResult> ListAsync<TState, TResult>(
        Func<IQueryable<IdentityScope>, TState, IQueryable<TResult>> query, TState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var result in query(await AllAsync(cancellationToken), state))
        {
            yield return result;
        }
    }

    public ValueTask<string?> GetDescriptionAsync(IdentityScope scope, CancellationToken cancellationToken) => new(scope.Description);
    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(IdentityScope scope, CancellationToken cancellationToken) =>
        new(JsonColumns.Localized(scope.Descriptions));
    public ValueTask<string?> GetDisplayNameAsync(IdentityScope scope, CancellationToken cancellationToken) => new(scope.DisplayName);
    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(IdentityScope scope, CancellationToken cancellationToken) =>
        new(JsonColumns.Localized(scope.DisplayNames));
    public ValueTask<string?> GetIdAsync(IdentityScope scope, CancellationToken cancellationToken) => new(scope.Id);
    public ValueTask<string?> GetNameAsync(IdentityScope scope, CancellationToken cancellationToken) => new(scope.Name);
    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(IdentityScope scope, CancellationToken cancellationToken) =>
        new(JsonColumns.Properties(scope.Properties));
    public ValueTask<ImmutableArray<string>> GetResourcesAsync(IdentityScope scope, CancellationToken cancellationToken) =>
        new(JsonColumns.Strings(scope.Resources));

    public ValueTask SetDescriptionAsync(IdentityScope scope, string? description, CancellationToken cancellationToken) => Set(() => scope.Description = description);
    public ValueTask SetDescriptionsAsync(IdentityScope scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken) =>
        Set(() => scope.Descriptions = JsonColumns.Localized(descriptions));
    public ValueTask SetDisplayNameAsync(IdentityScope scope, string? name, CancellationToken cancellationToken) => Set(() => scope.DisplayName = name);
    public ValueTask SetDisplayNamesAsync(IdentityScope scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        Set(() => scope.DisplayNames = JsonColumns.Localized(names));
    public ValueTask SetNameAsync(IdentityScope scope, string? name, CancellationToken cancellationToken) => Set(() => scope.Name = name);
    public ValueTask SetPropertiesAsync(IdentityScope scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) =>
        Set(() => scope.Properties = JsonColumns.Properties(properties));
    public ValueTask SetResourcesAsync(IdentityScope scope, ImmutableArray<string> resources, CancellationToken cancellationToken) =>
        Set(() => scope.Resources = JsonColumns.Strings(resources));
}
