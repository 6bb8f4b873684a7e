using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

public sealed class KeyEscrowStorePostgreSqlTests() : KeyEscrowStoreConformanceTests(new PostgreSqlStorageTarget());
