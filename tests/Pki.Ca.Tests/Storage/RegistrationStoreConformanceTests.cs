using Pki.Ca.Registration;
using Pki.Ca.Storage;
using Platform.Tests.Storage.Harness;
using TestSupport;

namespace Pki.Ca.Tests.Storage;

/// <summary>Finding a department's request again by the requester and its CSR's hash, on every provider.</summary>
public abstract class RegistrationStoreConformanceTests(StorageTarget target) : CaStoreTestBase(target)
{
    [Fact]
    public async Task FindRequestAsync_SameRequesterAndCsr_FindsTheNewest_WhateverThePemsLineBreaks_AndNothingForOthers()
    {
        var store = (IRegistrationStore)CreateStore();
        var department = new Department("works", "Works", null, ["works.city.example"], [], ["tls-server"], null, Now, Now);
        Assert.True(await store.TryAddDepartmentAsync(department, Change("works"), default));
        var csr = TestCsrs.Ecdsa("CN=www.works.city.example");
        var other = TestCsrs.Ecdsa("CN=api.works.city.example");
        await store.TryAddRequestAsync(Request("0001", csr, "alice", Now), null, Change("request:0001"), default);
        await store.TryAddRequestAsync(Request("0002", csr, "alice", Now.AddMinutes(1)), null, Change("request:0002"), default);
        await store.TryAddRequestAsync(Request("0003", other, "alice", Now.AddMinutes(2)), null, Change("request:0003"), default);
        await store.TryAddRequestAsync(Request("0004", csr, "bob", Now.AddMinutes(3)), null, Change("request:0004"), default);
        // The same DER with other line breaks is the same CSR.
        var rewrapped = csr.Replace("\n", "\r\n", StringComparison.Ordinal);

        var found = await store.FindRequestAsync("works", "alice", CsrFingerprint.Of(rewrapped)!, default);
        var none = await store.FindRequestAsync("other", "alice", CsrFingerprint.Of(csr)!, default);

        Assert.Equal("0002", found?.Id);
        Assert.Null(none);
    }

    private static CertificateRequest Request(string id, string csr, string requester, DateTimeOffset at) =>
        new(id, "works", "tls-server", csr, "CN=x", requester, requester, CertificateRequestStatus.Pending, at, at.AddDays(7), null, null, null, null, []);
}

public sealed class RegistrationStoreSqliteTests() : RegistrationStoreConformanceTests(new SqliteStorageTarget());

public sealed class RegistrationStorePostgreSqlTests() : RegistrationStoreConformanceTests(new PostgreSqlStorageTarget());
