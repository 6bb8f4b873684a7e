using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

/// <summary>How every provider's <see cref="IDatabaseFactory"/> opens module databases and runs their migrations.</summary>
public abstract class MigrationConformanceTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task Open_NewDatabase_AppliesEachMigrationOnce()
    {
        var database = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        Assert.Equal([1, 2], (await TestSchema.AppliedAsync(database)).Select(a => a.Version));
        Assert.Equal(1, await TestSchema.CountAsync(database, "runs"));
        Assert.Equal(0, await TestSchema.CountAsync(database, "items"));
    }

    [Fact]
    public async Task Open_AfterRestart_RunsNoMigrationAgain()
    {
        var first = Target.CreateFactory();
        var before = await TestSchema.AppliedAsync(first.Open(TestSchema.Module, TestSchema.All));
        await Target.StopAsync(first);

        var database = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        Assert.Equal(before, await TestSchema.AppliedAsync(database));
        Assert.Equal(1, await TestSchema.CountAsync(database, "runs"));
    }

    [Fact]
    public async Task Open_WithAnAddedMigration_AppliesOnlyTheNewOne()
    {
        var first = Target.CreateFactory();
        var database = first.Open(TestSchema.Module, [TestSchema.Items]);
        await TestSchema.InsertAsync(database, 1);
        await Target.StopAsync(first);

        database = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        Assert.Equal([1, 2], (await TestSchema.AppliedAsync(database)).Select(a => a.Version));
        Assert.Equal(1, await TestSchema.CountAsync(database, "runs"));
        Assert.Equal([1], await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task Open_AfterAFailedOpen_TriesAgain()
    {
        // Fails until the table it reads exists: a stand-in for a database that is briefly unusable.
        Migration needsPrerequisite = new(1, "needs a prerequisite",
            Sqlite: "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL); INSERT INTO items SELECT id, 'x' FROM prerequisite",
            PostgreSql: "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL); INSERT INTO items SELECT id, 'x' FROM prerequisite");
        var factory = Target.CreateFactory();
        Assert.ThrowsAny<Exception>(() => factory.Open(TestSchema.Module, [needsPrerequisite]));
        await Target.ExecuteRawAsync(TestSchema.Module, "CREATE TABLE prerequisite (id INTEGER); INSERT INTO prerequisite VALUES (1)");

        var database = factory.Open(TestSchema.Module, [needsPrerequisite]);

        Assert.Equal([1], (await TestSchema.AppliedAsync(database)).Select(a => a.Version));
        Assert.Equal([1], await TestSchema.IdsAsync(database));
    }

    [Fact]
    public void Open_SameModuleTwice_ReturnsSameInstance()
    {
        var factory = Target.CreateFactory();

        Assert.Same(factory.Open(TestSchema.Module, TestSchema.All), factory.Open(TestSchema.Module, TestSchema.All));
    }

    [Fact]
    public void Open_MigrationsWithGap_Throws()
    {
        var factory = Target.CreateFactory();

        Assert.Throws<InvalidOperationException>(() => factory.Open(TestSchema.Module, [TestSchema.Runs]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Items")]
    [InlineData("items1")]
    [InlineData("items-x")]
    [InlineData("items\"; DROP SCHEMA public")]
    public void Open_InvalidModuleName_Throws(string module)
    {
        var factory = Target.CreateFactory();

        Assert.Throws<ArgumentException>(() => factory.Open(module, TestSchema.All));
    }

    [Fact]
    public async Task Open_TwoModules_KeepSeparateTables()
    {
        var factory = Target.CreateFactory();
        var first = factory.Open("first", TestSchema.All);
        var second = factory.Open("second", TestSchema.All);

        await TestSchema.InsertAsync(first, 1);

        Assert.Equal([1], await TestSchema.IdsAsync(first));
        Assert.Empty(await TestSchema.IdsAsync(second));
        Assert.Equal(1, await TestSchema.CountAsync(second, "runs"));
    }

    [Fact]
    public async Task Open_SeveralNodesAtOnce_AppliesEachMigrationOnce()
    {
        string[] modules = ["race_a", "race_b", "race_c", "race_d", "race_e"];
        foreach (var module in modules)
        {
            var factories = Enumerable.Range(0, 4).Select(_ => Target.CreateFactory()).ToList();
            using var start = new Barrier(factories.Count);

            // Dedicated threads: Open blocks until migrated, and the barrier holds every thread until all are there.
            var databases = await Task.WhenAll(factories.Select(factory => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return factory.Open(module, TestSchema.All);
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

            foreach (var database in databases)
            {
                Assert.Equal([1, 2], (await TestSchema.AppliedAsync(database)).Select(a => a.Version));
                Assert.Equal(1, await TestSchema.CountAsync(database, "runs"));
            }
        }
    }
}
