using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

public sealed class MigrationSqliteTests() : MigrationConformanceTests(new SqliteStorageTarget());
