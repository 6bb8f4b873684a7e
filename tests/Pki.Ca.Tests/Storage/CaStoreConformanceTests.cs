using Pki.Ca.Storage;
using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

/// <summary>The CA repository's CAs, certificates and settings, on every provider.</summary>
public abstract class CaStoreConformanceTests(StorageTarget target) : CaStoreTestBase(target)
{
    [Fact]
    public async Task TryAddCaAsync_NewName_ReturnsTrueAndReadsBack()
    {
        var store = CreateStore();
        var root = Ca("root", Now.AddDays(-60));
        var issuing = Ca("issuing", Now.AddDays(-30), parent: "root");

        Assert.True(await store.TryAddCaAsync(root, Change(root.Name)));
        Assert.True(await store.TryAddCaAsync(issuing, Change(issuing.Name)));

        Assert.Equivalent(root, await store.GetCaAsync("root"), strict: true);
        Assert.Equivalent(issuing, await store.GetCaAsync("issuing"), strict: true);
    }

    [Fact]
    public async Task TryAddCaAsync_DuplicateName_ReturnsFalseAndKeepsTheFirst()
    {
        var store = CreateStore();
        var first = Ca("root", Now.AddDays(-60));
        Assert.True(await store.TryAddCaAsync(first, Change(first.Name)));

        Assert.False(await store.TryAddCaAsync(first with { KeyId = "another-key", CreatedAt = Now }, Change("root")));

        Assert.Equivalent(first, await store.GetCaAsync("root"), strict: true);
        Assert.Single(await store.ListCasAsync());
    }

    [Fact]
    public async Task TryAddCaAsync_SameNameFromManyCallersAtOnce_ExactlyOneSucceeds()
    {
        var store = CreateStore();

        var added = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.TryAddCaAsync(Ca("root", Now.AddSeconds(i)), Change("root"))));

        Assert.Single(added, a => a);
        Assert.Single(await store.ListCasAsync());
    }

    [Fact]
    public async Task GetCaAsync_UnknownName_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.GetCaAsync("root"));
    }

    [Fact]
    public async Task ListCasAsync_SeveralCas_ReturnsOldestFirst()
    {
        var store = CreateStore();
        Assert.True(await store.TryAddCaAsync(Ca("issuing", Now.AddDays(-30), parent: "root"), Change("issuing")));
        Assert.True(await store.TryAddCaAsync(Ca("root", Now.AddDays(-60)), Change("root")));
        Assert.True(await store.TryAddCaAsync(Ca("ocsp", Now.AddDays(-10), parent: "root"), Change("ocsp")));

        Assert.Equal(["root", "issuing", "ocsp"], (await store.ListCasAsync()).Select(ca => ca.Name));
    }

    [Fact]
    public async Task AddCertificateAsync_NewSerial_ReadsBackEveryField()
    {
        var store = await CreateStoreWithCaAsync();
        var valid = Certificate("1a2b");
        var revoked = Certificate("3c", revokedAt: Now.AddHours(-1));

        await store.AddCertificateAsync(valid, Change(valid.SerialNumber));
        await store.AddCertificateAsync(revoked, Change(revoked.SerialNumber));

        Assert.Equivalent(valid, await store.GetCertificateAsync("1a2b"), strict: true);
        Assert.Equivalent(revoked, await store.GetCertificateAsync("3c"), strict: true);
    }

    [Fact]
    public async Task AddCertificateAsync_DuplicateSerial_ThrowsDuplicateSerialException()
    {
        var store = await CreateStoreWithCaAsync();
        var first = Certificate("1a2b", subject: "CN=first");
        await store.AddCertificateAsync(first, Change(first.SerialNumber));

        var error = await Assert.ThrowsAsync<DuplicateSerialException>(
            () => store.AddCertificateAsync(Certificate("1a2b", subject: "CN=second"), Change("c")));

        Assert.Equal("1a2b", error.SerialNumber);
        Assert.Equivalent(first, await store.GetCertificateAsync("1a2b"), strict: true);
    }

    [Fact]
    public async Task AddCertificateAsync_ConcurrentWithDuplicates_OnlyDuplicatesFail()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, Enumerable.Range(1, 10).Select(i => Certificate(i.ToString("x4"))));

        var adds = Enumerable.Range(1, 200).Select(i => (Serial: i.ToString("x4"), Task: store.AddCertificateAsync(Certificate(i.ToString("x4")), Change("c")))).ToList();

        foreach (var (serial, add) in adds)
        {
            if (Convert.ToInt32(serial, 16) <= 10)
            {
                Assert.Equal(serial, (await Assert.ThrowsAsync<DuplicateSerialException>(() => add)).SerialNumber);
            }
            else
            {
                await add;
            }
        }

        Assert.Equal(200, (await store.SearchAsync(new CertificateQuery(Now, Limit: 1000))).Count);
    }

    [Fact]
    public async Task GetCertificateAsync_UnknownSerial_ReturnsNull()
    {
        var store = await CreateStoreWithCaAsync();

        Assert.Null(await store.GetCertificateAsync("1a2b"));
    }

    [Fact]
    public async Task GetSettingAsync_Unknown_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.GetSettingAsync("bootstrap"));
    }

    [Fact]
    public async Task SetSettingAsync_New_ReadsBack()
    {
        var store = CreateStore();

        await store.SetSettingAsync("bootstrap", "done");

        Assert.Equal("done", await store.GetSettingAsync("bootstrap"));
        Assert.Null(await store.GetSettingAsync("other"));
    }

    [Fact]
    public async Task SetSettingAsync_Existing_Overwrites()
    {
        var store = CreateStore();
        await store.SetSettingAsync("bootstrap", "started");

        await store.SetSettingAsync("bootstrap", "done");

        Assert.Equal("done", await store.GetSettingAsync("bootstrap"));
    }

    [Fact]
    public async Task Store_AfterRestart_KeepsCasCertificatesAndSettings()
    {
        var first = Target.CreateFactory();
        var store = new SqlCaStore(first.Open("ca", CaMigrations.All), Audit.Outbox());
        var ca = Ca("issuing", Now.AddDays(-30));
        var certificate = Certificate("1a2b");
        Assert.True(await store.TryAddCaAsync(ca, Change(ca.Name)));
        await store.AddCertificateAsync(certificate, Change(certificate.SerialNumber));
        await store.SetSettingAsync("bootstrap", "done");
        await Target.StopAsync(first);

        var restarted = CreateStore();

        Assert.Equivalent(ca, await restarted.GetCaAsync("issuing"), strict: true);
        Assert.Equivalent(certificate, await restarted.GetCertificateAsync("1a2b"), strict: true);
        Assert.Equal("done", await restarted.GetSettingAsync("bootstrap"));
    }
}
