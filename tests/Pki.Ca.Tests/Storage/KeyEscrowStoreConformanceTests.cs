using Pki.Ca.Escrow;
using Pki.Ca.Issuance;
using Pki.Ca.Registration;
using Pki.Ca.Storage;
using Platform.Keys;
using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

/// <summary>
/// Escrowed keys and their recoveries, on every provider: a dual pair commits with the approval
/// that issues it, a recovery is released once and never by its opener nor after it expired, and
/// the sealed keys are re-sealed only when every one of them opens.
/// </summary>
public abstract class KeyEscrowStoreConformanceTests(StorageTarget target) : CaStoreTestBase(target)
{
    [Fact]
    public async Task ApproveAsync_WithAnEncryptionPair_StoresBothCertificatesAndTheEscrowedKey_WithTheirEvents()
    {
        var store = await CreateStoreWithCaAsync();
        var (requestId, pair) = await IssuePairAsync(store, "0a01", "0a02");

        var escrowed = await ((IKeyEscrowStore)store).GetEscrowedKeyAsync("0a02", CancellationToken.None);

        Assert.Equivalent(pair.Key, escrowed, strict: true);
        Assert.Equivalent(pair.Key, await ((IKeyEscrowStore)store).GetEscrowedKeyOfRequestAsync(requestId, CancellationToken.None), strict: true);
        Assert.NotNull(await store.GetCertificateAsync("0a01"));
        Assert.NotNull(await store.GetCertificateAsync("0a02"));
        Assert.Null(await ((IKeyEscrowStore)store).GetEscrowedKeyAsync("0a01", CancellationToken.None));
        Assert.Equal(["approve", "0a01", "0a02", "escrow"], Audit.Events.TakeLast(4).Select(e => e.Target!));
    }

    [Fact]
    public async Task ReleaseAsync_NeverByTheOpener_OnceByAnother_AndNotAfterExpiry()
    {
        var store = await CreateStoreWithCaAsync();
        await IssuePairAsync(store, "0b01", "0b02");
        var escrow = (IKeyEscrowStore)store;
        await escrow.AddRecoveryAsync(Recovery("r1", "0b02", Now.AddHours(1)), Change("r1"), CancellationToken.None);
        await escrow.AddRecoveryAsync(Recovery("r2", "0b02", Now.AddMinutes(1)), Change("r2"), CancellationToken.None);
        var envelope = new EnvelopedKey(EnvelopedKey.CmsFormat, [0x30, 0x00]);

        var byOpener = await escrow.ReleaseAsync("r1", "opener", "Opener", envelope, Change("r1 by opener"), Now, CancellationToken.None);
        var bySecond = await escrow.ReleaseAsync("r1", "second", "Second", envelope, Change("r1 by second"), Now, CancellationToken.None);
        var byThird = await escrow.ReleaseAsync("r1", "third", "Third", envelope, Change("r1 by third"), Now, CancellationToken.None);
        var expired = await escrow.ReleaseAsync("r2", "second", "Second", envelope, Change("r2 by second"), Now.AddMinutes(2), CancellationToken.None);

        Assert.Equal((false, true, false, false), (byOpener, bySecond, byThird, expired));
        var released = (await escrow.GetRecoveryAsync("r1", CancellationToken.None))!;
        Assert.Equal((KeyRecoveryStatus.Released, "Second"), (released.StoredStatus, released.ApprovedByName));
        Assert.Equal(envelope.Der, released.Envelope);
        Assert.Equal(KeyRecoveryStatus.Expired, (await escrow.GetRecoveryAsync("r2", CancellationToken.None))!.StatusAt(Now.AddMinutes(2)));
        Assert.Contains(Audit.Events, e => e.Target == "r1 by second");
        Assert.DoesNotContain(Audit.Events, e => e.Target is "r1 by opener" or "r1 by third" or "r2 by second");
    }

    [Fact]
    public async Task ReleaseAsync_ManyOfficersAtOnce_ExactlyOneReleases()
    {
        var store = await CreateStoreWithCaAsync();
        await IssuePairAsync(store, "0c01", "0c02");
        var escrow = (IKeyEscrowStore)store;
        await escrow.AddRecoveryAsync(Recovery("r3", "0c02", Now.AddHours(1)), Change("r3"), CancellationToken.None);
        var envelope = new EnvelopedKey(EnvelopedKey.CmsFormat, [0x30, 0x00]);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            escrow.ReleaseAsync("r3", $"officer-{i}", $"Officer {i}", envelope, Change($"r3 by {i}"), Now, CancellationToken.None)));

        Assert.Single(outcomes, released => released);
        Assert.Single(Audit.Events, e => e.Target!.StartsWith("r3 by ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListRecoveriesAsync_ByDepartmentAndStatus_NewestFirst()
    {
        var store = await CreateStoreWithCaAsync();
        await IssuePairAsync(store, "0d01", "0d02");
        var escrow = (IKeyEscrowStore)store;
        await escrow.AddRecoveryAsync(Recovery("r4", "0d02", Now.AddHours(1)), Change("r4"), CancellationToken.None);
        await escrow.AddRecoveryAsync(Recovery("r5", "0d02", Now.AddHours(1)) with { OpenedAt = Now.AddSeconds(1) }, Change("r5"), CancellationToken.None);
        await escrow.ReleaseAsync("r4", "second", "Second", new EnvelopedKey(EnvelopedKey.CmsFormat, [0x30, 0x00]), Change("r4 released"), Now, CancellationToken.None);

        var all = await escrow.ListRecoveriesAsync(new RecoveryQuery(null, null, Now, 10, null), CancellationToken.None);
        var pending = await escrow.ListRecoveriesAsync(new RecoveryQuery(["finance"], KeyRecoveryStatus.Pending, Now, 10, null), CancellationToken.None);
        var otherDepartment = await escrow.ListRecoveriesAsync(new RecoveryQuery(["health"], null, Now, 10, null), CancellationToken.None);
        var after = await escrow.ListRecoveriesAsync(new RecoveryQuery(null, null, Now, 10, (Now.AddSeconds(1).ToUnixTimeMilliseconds(), "r5")), CancellationToken.None);

        Assert.Equal(["r5", "r4"], all.Select(r => r.Id));
        Assert.Equal(["r5"], pending.Select(r => r.Id));
        Assert.Empty(otherDepartment);
        Assert.Equal(["r4"], after.Select(r => r.Id));
    }

    [Fact]
    public async Task ResealAsync_ReSealsEveryEscrowedKey_AndAWrongCurrentKeyChangesNothing()
    {
        var store = await CreateStoreWithCaAsync();
        await IssuePairAsync(store, "0e01", "0e02");
        var escrow = (IKeyEscrowStore)store;
        var before = (await escrow.GetEscrowedKeyAsync("0e02", CancellationToken.None))!.SealedKey;
        var next = new SecretSealer(KeyEncryptionKey.FromBytes(new byte[32], "next"));
        var wrong = new SecretSealer(KeyEncryptionKey.FromBytes(Enumerable.Repeat((byte)7, 32).ToArray(), "wrong"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => escrow.ResealAsync(wrong, next, CancellationToken.None));
        Assert.Equal(before, (await escrow.GetEscrowedKeyAsync("0e02", CancellationToken.None))!.SealedKey);
        Assert.Equal(1, await escrow.ResealAsync(Sealer, next, CancellationToken.None));
        Assert.Equal(0, await escrow.ResealAsync(Sealer, next, CancellationToken.None));

        var resealed = (await escrow.GetEscrowedKeyAsync("0e02", CancellationToken.None))!.SealedKey;
        Assert.Equal(Secret, next.Open(EncryptionCertificateIssuer.SealPurpose, "0e02", resealed));
    }

    private static readonly byte[] Secret = [0x30, 0x03, 0x02, 0x01, 0x2a];

    private static readonly SecretSealer Sealer = new(KeyEncryptionKey.FromBytes(Enumerable.Repeat((byte)1, 32).ToArray(), "current"));

    /// <summary>A department <c>finance</c> (once), a pending dual request in it, approved with its pair; the request's id and the pair.</summary>
    private static async Task<(string RequestId, EscrowedPair Pair)> IssuePairAsync(ICaStore store, string signingSerial, string encryptionSerial)
    {
        var registration = (IRegistrationStore)store;
        await registration.TryAddDepartmentAsync(new Department("finance", "Finance", null, [], [], ["document-signing", "encryption"], null, Now, Now), Change("finance"),
            CancellationToken.None);
        var id = Guid.NewGuid().ToString("n");
        Assert.True(await registration.TryAddRequestAsync(new CertificateRequest(id, "finance", "document-signing", "csr", "CN=test", "clerk", "Clerk",
            CertificateRequestStatus.Pending, Now, Now.AddDays(1), null, null, null, null, []) { EncryptionCertificate = true }, null, Change("submit"), CancellationToken.None));
        var signing = Signed(Certificate(signingSerial));
        var encryption = Signed(Certificate(encryptionSerial) with { Profile = "encryption" });
        var key = new EscrowedKey(encryptionSerial, signingSerial, id, "finance", "ECDSA-P256", Sealer.Seal(EncryptionCertificateIssuer.SealPurpose, encryptionSerial, Secret),
            EnvelopedKey.CmsFormat, [0x30, 0x80, 0x00, 0x00], Now);
        var pair = new EscrowedPair(encryption, key, Change("escrow"));
        Assert.Equal(ApprovalOutcome.Issued, await registration.ApproveAsync(id, new RequestApproval("officer", "Officer", null, Now), 1, signing, _ => Change("approve"), Now,
            pair, CancellationToken.None));
        return (id, pair);
    }

    private static SignedCertificate Signed(CertificateRecord record) => new(record, Change(record.SerialNumber), new IssuedCertificate(record, "", []));

    private static KeyRecovery Recovery(string id, string serial, DateTimeOffset expiresAt) => new(
        id, serial, "finance", "reason", [0x30, 0x00], "0b0b", "opener", "Opener", Now, expiresAt, KeyRecoveryStatus.Pending, null, null, null, null);
}
