using Platform.Hosting;
using Platform.Storage;

namespace Platform.Tests.Storage;

public sealed class DatabaseFactoryTests
{
    [Theory]
    [InlineData(null, StorageProvider.Sqlite)]
    [InlineData("", StorageProvider.Sqlite)]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("SQLITE", StorageProvider.Sqlite)]
    [InlineData("PostgreSql", StorageProvider.PostgreSql)]
    [InlineData("postgres", StorageProvider.PostgreSql)]
    [InlineData("Npgsql", StorageProvider.PostgreSql)]
    public void ParseProvider_KnownName_ReturnsTheProvider(string? name, StorageProvider expected)
    {
        Assert.Equal(expected, DatabaseFactory.ParseProvider(name));
    }

    [Fact]
    public void Constructor_UnknownProvider_RefusesNamingIt()
    {
        var options = new PlatformOptions { Storage = new StorageSettings { Provider = "Oracle" } };

        var error = Assert.Throws<InvalidOperationException>(() => new DatabaseFactory(options));

        Assert.Contains("'Oracle'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_PostgreSqlWithoutConnectionString_RefusesNamingTheSetting(string? connectionString)
    {
        var options = new PlatformOptions { Storage = new StorageSettings { Provider = "PostgreSql", ConnectionString = connectionString } };

        var error = Assert.Throws<InvalidOperationException>(() => new DatabaseFactory(options));

        Assert.Contains("Platform:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
