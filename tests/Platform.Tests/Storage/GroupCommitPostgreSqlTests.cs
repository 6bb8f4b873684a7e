using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

public sealed class GroupCommitPostgreSqlTests() : GroupCommitConformanceTests(new PostgreSqlStorageTarget());
