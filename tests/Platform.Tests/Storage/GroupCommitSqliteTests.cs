using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

public sealed class GroupCommitSqliteTests() : GroupCommitConformanceTests(new SqliteStorageTarget());
