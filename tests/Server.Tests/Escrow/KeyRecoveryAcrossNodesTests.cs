using System.Net;
using Server.Cli;
using Server.Tests.Audit;
using Server.Tests.Hosting;
using TestSupport;
using static Server.Tests.Escrow.KeyRecoveryTests;
using static Server.Tests.Registration.RegistrationFixture;

namespace Server.Tests.Escrow;

/// <summary>
/// Escrowed keys and open recoveries outlive the process and a change of the key-encryption key
/// (<c>keys rewrap</c> re-seals them), and two nodes over one PostgreSQL database release a recovery once.
/// </summary>
public sealed class KeyRecoveryAcrossNodesTests
{
    [Fact]
    public async Task Recovery_OpenedBeforeARestartAndAKeyEncryptionKeyChange_IsApprovedAfter_AndReleasesTheEscrowedKey()
    {
        using var data = new TemporaryDirectory();
        using var outside = new TemporaryDirectory();
        string id, encryptionPublicKey;
        System.Security.Cryptography.X509Certificates.X509Certificate2 approver;
        RequesterKey holder;
        await using (var server = await PlatformServer.StartAsync(data.Path, SealProfile))
        {
            var (issued, key, department) = await DualPairs.IssueAsync(server, RequesterKey.Sm2);
            holder = key;
            using var opener = server.HttpsClient(await PersonAsync(server, department, "key-recovery-officer"));
            approver = await PersonAsync(server, department, "key-recovery-officer");
            var encryption = issued.GetProperty("encryption");
            encryptionPublicKey = Convert.ToHexString(Sm2EnvelopedKeyReader.Open(Convert.FromBase64String(encryption.GetProperty("encryptedKey").GetString()!), key.Sm2PrivateKey!).PublicPoint);
            id = (await Json(await OpenAsync(opener, encryption.GetProperty("serialNumber").GetString()!, "Restart drill", issued.GetProperty("certificate").GetString()!),
                HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        }

        // keys rewrap re-seals the escrowed key under a new key-encryption key, which the data directory then holds.
        var newKek = Path.Combine(outside.Path, "new-kek.bin");
        await File.WriteAllBytesAsync(newKek, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(0, await CommandLine.RunAsync(["keys", "rewrap", "--new-kek-file", newKek, "--Platform:DataDirectory", data.Path]));
        Assert.Equal(await File.ReadAllBytesAsync(newKek), await File.ReadAllBytesAsync(Path.Combine(data.Path, "kek.bin")));

        await using (var restarted = await PlatformServer.StartAsync(data.Path, SealProfile))
        {
            using var second = restarted.HttpsClient(approver);
            var released = await Json(await ApproveAsync(second, id), HttpStatusCode.OK);

            var (point, _, _) = Sm2EnvelopedKeyReader.Open(Convert.FromBase64String(released.GetProperty("encryptedKey").GetString()!), holder.Sm2PrivateKey!);
            Assert.Equal(encryptionPublicKey, Convert.ToHexString(point));
        }

        approver.Dispose();
    }

    [Fact]
    public async Task Recovery_ApprovedOnTwoNodesAtOnce_IsReleasedOnce()
    {
        await using var nodes = await TwoNodes.StartAsync(SealProfile);
        var (first, second) = (nodes.First, nodes.Second);
        var (issued, _, department) = await DualPairs.IssueAsync(first, RequesterKey.EcdsaP256);
        var serial = issued.GetProperty("encryption").GetProperty("serialNumber").GetString()!;
        using var opener = first.HttpsClient(await PersonAsync(first, department, "key-recovery-officer"));
        using var onFirst = first.HttpsClient(await PersonAsync(first, department, "key-recovery-officer"));
        using var onSecond = second.HttpsClient(await PersonAsync(first, department, "key-recovery-officer"));
        var id = (await Json(await OpenAsync(opener, serial, "Two-node drill", issued.GetProperty("certificate").GetString()!), HttpStatusCode.Accepted))
            .GetProperty("id").GetString()!;
        // The second node decides once it heard of the policies and the officers' attribute certificates.
        await Eventually.EqualAsync(HttpStatusCode.OK, async () => (await onSecond.GetAsync($"/pki/key-recoveries/{id}")).StatusCode);

        var race = await Task.WhenAll(ApproveAsync(onFirst, id), ApproveAsync(onSecond, id));

        Assert.Single(race, r => r.StatusCode == HttpStatusCode.OK);
        await ProblemAssert.IsProblemAsync(Assert.Single(race, r => r.StatusCode != HttpStatusCode.OK), HttpStatusCode.Conflict, "key-recovery-closed");
        using var admin = first.AdminClient();
        var events = await AuditEvents.ListAsync(admin, $"?module=pki.ca&target=key-recovery:{id}&action=key-recovery.approve&limit=100");
        Assert.Single(events, e => e.GetProperty("outcome").GetString() == "success");
    }
}
