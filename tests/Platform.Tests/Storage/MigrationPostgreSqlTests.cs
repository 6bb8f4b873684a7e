using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

public sealed class MigrationPostgreSqlTests() : MigrationConformanceTests(new PostgreSqlStorageTarget());
