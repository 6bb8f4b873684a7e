using OpenIddict.Abstractions;
using Platform.Storage;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Identity.Storage.OpenIddict;

/// <summary>
/// What the four OpenIddict stores share: create, update with optimistic concurrency, delete,
/// find by id, list and count, on the module's database (writes group-committed and durable
/// when they return). Lookups by id are read once per HTTP request (<see cref="RequestMemo"/>).
/// </summary>
internal abstract class SqlStore<T>(IModuleDatabase database, TableMap<T> map, Func<T, string> id, Func<T, string?> token, Action<T, string> setToken,
    RequestMemo? memo)
    where T : class, new()
{
    protected IModuleDatabase Database => database;

    protected TableMap<T> Map => map;

    public ValueTask<T> InstantiateAsync(CancellationToken cancellationToken) => new(new T());

    public async ValueTask CreateAsync(T entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await WriteChangeAsync((connection, transaction, ct) => map.InsertAsync(connection, transaction, entity, ct), cancellationToken);
    }

    /// <summary>
    /// Writes the entity if nobody changed it since it was read (its concurrency token still
    /// matches); else throws the exception OpenIddict expects, so that, say, a refresh token is
    /// redeemed once even when two requests race for it.
    /// </summary>
    public async ValueTask UpdateAsync(T entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var expected = token(entity);
        setToken(entity, Guid.NewGuid().ToString("n"));
        var updated = await WriteChangeAsync((connection, transaction, ct) => map.UpdateAsync(connection, transaction, entity, id(entity), expected, ct), cancellationToken);
        if (updated == 0)
        {
            setToken(entity, expected!);
            throw new OpenIddictExceptions.ConcurrencyException($"The {map.Table} entry {id(entity)} was changed or removed by someone else.");
        }
    }

    public virtual async ValueTask DeleteAsync(T entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await WriteChangeAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, $"DELETE FROM {map.Table} WHERE id = @id", ct, ("id", id(entity))),
            cancellationToken);
    }

    public ValueTask<T?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindOneAsync("id", identifier, cancellationToken);

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT COUNT(*) FROM {map.Table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<T> ListAsync(int? count, int? offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var entity in await QueryAsync($"ORDER BY id LIMIT {count ?? int.MaxValue} OFFSET {offset ?? 0}", cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>
    /// Runs a create, update or delete as one durable write; <paramref name="work"/> answers how
    /// many rows it changed. A store whose writes are audited overrides this to stage the event
    /// in the same transaction.
    /// </summary>
    protected virtual Task<int> WriteChangeAsync(Func<DbConnection, DbTransaction, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        ForgetReads();
        return database.WriteAsync(work, cancellationToken);
    }

    /// <summary>Every write calls this first: what this request reads afterwards comes from the database.</summary>
    protected void ForgetReads() => memo?.Forget();

    /// <summary>The one row whose <paramref name="column"/> is <paramref name="value"/>, or null; read once per request.</summary>
    protected ValueTask<T?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        async ValueTask<T?> ReadAsync() =>
            (await QueryAsync($"WHERE {column} = @value", cancellationToken, ("value", value))).FirstOrDefault();

        return memo is null ? ReadAsync() : memo.GetOrReadAsync($"{map.Table}.{column}={value}", ReadAsync);
    }

    /// <summary>The rows matching <paramref name="where"/> (with its parameters), read in one go.</summary>
    protected async Task<List<T>> QueryAsync(string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(map.Select + " " + where);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return await map.ReadAllAsync(command, cancellationToken);
    }

    protected async IAsyncEnumerable<T> StreamAsync(string where, [EnumeratorCancellation] CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        foreach (var entity in await QueryAsync(where, cancellationToken, parameters))
        {
            yield return entity;
        }
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A write statement run alone, durable on return; how many rows it changed.</summary>
    protected Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ForgetReads();
        return database.WriteAsync((connection, transaction, ct) => ExecuteAsync(connection, transaction, sql, ct, parameters), cancellationToken);
    }

    /// <summary>
    /// OpenIddict's LINQ-shaped queries, for the small tables only (applications, scopes): the
    /// query runs over every row in memory. The token and authorization stores refuse them rather
    /// than load an unbounded table.
    /// </summary>
    protected async Task<IQueryable<T>> AllAsync(CancellationToken cancellationToken) => (await QueryAsync("", cancellationToken)).AsQueryable();

    /// <summary>A setter of OpenIddict's: changes the entity in memory, stored by the next create or update.</summary>
    protected static ValueTask Set(Action assign)
    {
        assign();
        return default;
    }

    /// <summary>The answer to the LINQ-shaped queries of a table too large to load whole.</summary>
    protected static NotSupportedException Unbounded(string table) =>
        new($"Queries over every row of {table} are not supported: the table is unbounded.");
}
