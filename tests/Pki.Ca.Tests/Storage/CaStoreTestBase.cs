using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

/// <summary>The base of the <see cref="ICaStore"/> suites: stores on the target's database, and records to put in them.</summary>
public abstract class CaStoreTestBase(StorageTarget target) : StorageConformanceTests(target)
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What the stores' writes recorded.</summary>
    private protected RecordingAuditTrail Audit { get; } = new();

    /// <summary>A store as a freshly started node opens it.</summary>
    protected ICaStore CreateStore() => new SqlCaStore(Target.CreateFactory().Open("ca", CaMigrations.All), Audit.Outbox());

    /// <summary>The event a write records; its target names it.</summary>
    protected static AuditEvent Change(string target) => new() { Module = "pki.ca", Action = "test.change", Outcome = AuditOutcome.Success, Target = target };

    /// <summary>A store holding the CA <c>issuing</c>, which the certificates below name.</summary>
    protected async Task<ICaStore> CreateStoreWithCaAsync()
    {
        var store = CreateStore();
        Assert.True(await store.TryAddCaAsync(Ca("issuing", Now.AddDays(-30)), Change("issuing")));
        return store;
    }

    protected static CaRecord Ca(string name, DateTimeOffset createdAt, string? parent = null) =>
        new(name, "key-" + name, [0x30, 0x03, (byte)name.Length, 0x00, 0xff], parent, createdAt);

    protected static CertificateRecord Certificate(
        string serial, string subject = "CN=test", DateTimeOffset? issuedAt = null, DateTimeOffset? notAfter = null,
        DateTimeOffset? revokedAt = null) => new()
    {
        SerialNumber = serial,
        CaName = "issuing",
        Subject = subject,
        Profile = "tls-server",
        NotBefore = (issuedAt ?? Now.AddDays(-1)).AddMinutes(-5),
        NotAfter = notAfter ?? Now.AddDays(90),
        Certificate = [0x30, 0x82, 0x01, 0x00, .. Convert.FromHexString(serial.PadLeft(serial.Length + serial.Length % 2, '0'))],
        RequestedBy = "CN=requester,SERIALNUMBER=01",
        IssuedAt = issuedAt ?? Now.AddDays(-1),
        RevokedAt = revokedAt,
        RevocationReason = revokedAt is null ? null : "keyCompromise",
    };

    protected static async Task AddAllAsync(ICaStore store, IEnumerable<CertificateRecord> certificates)
    {
        foreach (var certificate in certificates)
        {
            await store.AddCertificateAsync(certificate, Change(certificate.SerialNumber));
        }
    }
}
