using System.Data.Common;
using Microsoft.Extensions.Options;
using Platform.Certificates;
using Platform.Storage;
using Pmi.Authorization.Model;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Tests.Decisions;

namespace Pmi.Authorization.Tests.AttributeAuthority;

/// <summary>The in-memory index of attribute certificates: this node's own changes and reloads after other nodes' changes.</summary>
public sealed class HolderDirectoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly SqliteTestDatabase inner = new();
    private readonly WatchedDatabase database;
    private readonly HolderDirectory directory;
    private readonly SettableCertificateStatus statuses = new();

    public HolderDirectoryTests()
    {
        database = new WatchedDatabase(inner);
        directory = new HolderDirectory(database, TimeProvider.System, Options.Create(new AttributeAuthorityOptions()), statuses);
    }

    [Fact]
    public async Task OwnGrantAndRevocation_AreServedWithoutAReload()
    {
        await directory.RunAsync(default);
        await InsertAsync("a1", "h1", "clerk");
        directory.Add(Held("a1", "h1", "clerk"));
        Assert.Equal(["clerk"], directory.UnexpiredRoles("h1"));

        var opened = database.Opened;
        await directory.RefreshAsync(default);
        Assert.Equal(opened + 1, database.Opened); // the fingerprint only

        await RevokeAsync("a1");
        directory.Remove("a1");
        await directory.RefreshAsync(default);
        Assert.Equal(opened + 2, database.Opened);
        Assert.Empty(directory.UnexpiredRoles("h1"));
    }

    [Fact]
    public async Task AnotherNodesGrant_IsLoadedByTheRefresh()
    {
        await directory.RunAsync(default);
        await InsertAsync("a2", "h2", "auditor");

        await directory.RefreshAsync(default);

        Assert.Equal(["auditor"], directory.UnexpiredRoles("h2"));
    }

    [Fact]
    public async Task OwnChangesDuringAReload_AreKeptInWhatItLoads()
    {
        await InsertAsync("a3", "h3", "clerk");
        await directory.RunAsync(default);
        await InsertAsync("a4", "h4", "auditor"); // another node's grant: the next refresh reloads

        // Hold the reload just before it reads the rows; meanwhile this node revokes a3 and grants a5.
        var held = database.HoldOpening(3);
        var refresh = directory.RefreshAsync(default);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await RevokeAsync("a3");
        directory.Remove("a3");
        await InsertAsync("a5", "h5", "approver");
        directory.Add(Held("a5", "h5", "approver"));
        held.Release();
        await refresh.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(directory.UnexpiredRoles("h3"));
        Assert.Equal(["auditor"], directory.UnexpiredRoles("h4"));
        Assert.Equal(["approver"], directory.UnexpiredRoles("h5"));
    }

    [Theory]
    [InlineData(CertificateHolderStatus.Revoked)]
    [InlineData(CertificateHolderStatus.OnHold)]
    [InlineData(CertificateHolderStatus.Expired)]
    [InlineData(CertificateHolderStatus.Unknown)]
    public async Task EntityFor_HolderCertificateNotGood_GivesNothingUntilGoodAgain(CertificateHolderStatus status)
    {
        await InsertAsync("a6", "h6", "approver");
        await directory.RunAsync(default);
        var principal = new EntityUid("Certificate", "h6");
        Assert.Contains("h6", statuses.Tracked); // loaded holders are tracked by the CA
        Assert.NotNull(directory.EntityFor(principal));

        statuses.Set("h6", status);
        Assert.Null(directory.EntityFor(principal));

        statuses.Set("h6", CertificateHolderStatus.Good); // a hold lifted
        Assert.Contains(new EntityUid("Role", "approver"), directory.EntityFor(principal)!.Parents);
    }

    public void Dispose() => inner.Dispose();

    private static HeldAttributes Held(string serial, string holder, string role) =>
        new(serial, holder, [role], null, null, Now.AddMinutes(-1), Now.AddDays(1));

    private Task InsertAsync(string serial, string holder, string role) => inner.WriteAsync(async (connection, transaction, ct) =>
    {
        await using var command = connection.Command("""
            INSERT INTO attribute_certificates (serial, holder_serial, der, roles, not_before, not_after, created_at)
            VALUES (@serial, @holder, @der, @roles, @nb, @na, @nb)
            """, transaction);
        command.AddParameter("serial", serial).AddParameter("holder", holder).AddParameter("der", new byte[] { 0x30, 0x00 })
            .AddParameter("roles", role).AddParameter("nb", Now.AddMinutes(-1)).AddParameter("na", Now.AddDays(1));
        return await command.ExecuteNonQueryAsync(ct);
    });

    private Task RevokeAsync(string serial) => inner.WriteAsync(async (connection, transaction, ct) =>
    {
        await using var command = connection.Command("UPDATE attribute_certificates SET revoked_at = @now WHERE serial = @serial", transaction);
        command.AddParameter("now", Now).AddParameter("serial", serial);
        return await command.ExecuteNonQueryAsync(ct);
    });

    /// <summary>Counts the connections opened, and can hold the n-th next one until released.</summary>
    private sealed class WatchedDatabase(IModuleDatabase inner) : IModuleDatabase
    {
        private int opened;
        private (int At, Hold Hold)? hold;

        public int Opened => Volatile.Read(ref opened);

        public string Module => inner.Module;

        public StorageProvider Provider => inner.Provider;

        public Hold HoldOpening(int nth)
        {
            var next = new Hold();
            hold = (Opened + nth, next);
            return next;
        }

        public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
        {
            var count = Interlocked.Increment(ref opened);
            if (hold is { } h && h.At == count)
            {
                h.Hold.Reached.TrySetResult();
                await h.Hold.Released.Task;
            }

            return await inner.OpenAsync(cancellationToken);
        }

        public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(work, cancellationToken);

        public Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default) =>
            inner.SignalChangeAsync(connection, transaction, cancellationToken);

        public IChangeListener ListenForChanges() => inner.ListenForChanges();
    }

    private sealed class Hold
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
