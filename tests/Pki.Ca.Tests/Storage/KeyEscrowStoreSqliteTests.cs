using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

public sealed class KeyEscrowStoreSqliteTests() : KeyEscrowStoreConformanceTests(new SqliteStorageTarget());
