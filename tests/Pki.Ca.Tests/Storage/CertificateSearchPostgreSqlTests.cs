using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

public sealed class CertificateSearchPostgreSqlTests() : CertificateSearchConformanceTests(new PostgreSqlStorageTarget());
