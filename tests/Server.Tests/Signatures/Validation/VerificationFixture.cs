using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Platform.TimeStamping;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using TestSupport;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Server.Tests.Signatures.Validation;

/// <summary>
/// A platform on a clock the tests move, with a document-signing profile of one day for expiry
/// tests, and a work folder where OpenSSL makes keys, requests and CAdES signatures.
/// </summary>
public sealed class VerificationFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();
    private int signers;

    public PlatformServer Server { get; private set; } = null!;

    public MovableClock Clock { get; } = new();

    public TemporaryDirectory Work { get; } = new();

    /// <summary>A fixture of its own, for a test that moves the clock: OpenSSL signs at the real time, so the platform's clock must start there.</summary>
    public static async Task<VerificationFixture> StartAsync()
    {
        var fixture = new VerificationFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        Server = await PlatformServer.StartAsync(data.Path, builder => builder.Services.AddSingleton<TimeProvider>(Clock),
            "--Pki:Profiles:brief-signing:ValidityDays", "1", "--Pki:Profiles:brief-signing:KeyUsage:0", "digitalSignature",
            "--Pki:Profiles:brief-signing:KeyUsage:1", "contentCommitment", "--Pki:Profiles:brief-signing:RequireCommonName", "true");
        await File.WriteAllTextAsync(Work.File("document.txt"), "Decision 2026-117 of the Department of Works: the new bus line is granted.");
    }

    /// <summary>An OpenSSL key (<c>ec</c>, <c>rsa</c>, <c>ed25519</c>) with a certificate of <paramref name="profile"/>, and its chain, as PEM files.</summary>
    public async Task<OpenSslSigner> SignerAsync(string key = "ec", string profile = "document-signing")
    {
        var openssl = ExternalTool.Require("openssl");
        var name = $"signer{Interlocked.Increment(ref signers)}";
        string[] newKey = key switch
        {
            "rsa" => ["-newkey", "rsa:2048"],
            "ed25519" => ["-newkey", "ed25519"],
            _ => ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
        };
        var request = await ExternalTool.RunAsync(openssl, ["req", "-new", .. newKey, "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=Clerk " + name],
            Work.Path);
        Assert.True(request.ExitCode == 0, request.ToString());
        var issued = await Server.IssueAsync(await File.ReadAllTextAsync(Work.File(name + ".csr")), profile);
        await File.WriteAllTextAsync(Work.File(name + ".pem"), issued.Certificate);
        await File.WriteAllTextAsync(Work.File(name + "-chain.pem"), string.Join("\n", issued.Chain));
        return new OpenSslSigner(name, issued.SerialNumber, key);
    }

    /// <summary><c>openssl cms -sign -cades</c> over the document: attached, or detached.</summary>
    public async Task<byte[]> OpenSslSignAsync(OpenSslSigner signer, bool detached = false, string document = "document.txt")
    {
        var openssl = ExternalTool.Require("openssl");
        var output = $"{signer.Name}-{Guid.NewGuid():N}.p7s";
        List<string> arguments = ["cms", "-sign", "-cades", "-binary", "-md", signer.Digest, "-in", document, "-signer", signer.Name + ".pem",
            "-inkey", signer.Name + ".key", "-certfile", signer.Name + "-chain.pem", "-outform", "DER", "-out", output];
        if (!detached)
        {
            arguments.Add("-nodetach");
        }

        var signed = await ExternalTool.RunAsync(openssl, arguments, Work.Path);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        return await File.ReadAllBytesAsync(Work.File(output));
    }

    /// <summary>
    /// The signature with a time-stamp from the platform's TSA over its signer's signature value
    /// in the signature-time-stamp unsigned attribute: what turns a B-B signature into B-T.
    /// </summary>
    public async Task<byte[]> TimeStampAsync(byte[] signature)
    {
        var signed = new CmsSignedData(signature);
        var signer = signed.GetSignerInfos().GetSigners().Single();
        var grant = await Server.Services.GetRequiredService<ITimeStampAuthority>().StampAsync(SHA256.HashData(signer.GetSignature()));
        var unsigned = signer.UnsignedAttributes?.ToAsn1EncodableVector() ?? new Asn1EncodableVector();
        unsigned.Add(new CmsAttribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(Asn1Object.FromByteArray(grant.Token))));
        var stamped = SignerInformation.ReplaceUnsignedAttributes(signer, new AttributeTable(unsigned));
        return CmsSignedData.ReplaceSigners(signed, new SignerInformationStore(stamped)).GetEncoded();
    }

    /// <summary>Revokes a certificate as the administrator.</summary>
    public async Task RevokeAsync(string serial)
    {
        using var admin = Server.AdminClient();
        (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
    }

    /// <summary>POST /signatures/verify as the administrator; the report, or the problem details.</summary>
    public async Task<(int Status, JsonElement Body)> VerifyAsync(byte[] signature, byte[]? content = null)
    {
        await using var client = new VerifierClient(Server);
        return await client.VerifyAsync(signature, content);
    }

    public byte[] Document => File.ReadAllBytes(Work.File("document.txt"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
        Work.Dispose();
    }
}

/// <summary>An OpenSSL signer's files in the work folder: <c>name.key</c>, <c>name.pem</c>, <c>name-chain.pem</c>; its key type.</summary>
public sealed record OpenSslSigner(string Name, string SerialNumber, string Key)
{
    /// <summary>The digest OpenSSL signs with: SHA-512 for Ed25519 (RFC 8419; OpenSSL refuses SHA-256 there), SHA-256 otherwise.</summary>
    public string Digest => Key == "ed25519" ? "sha512" : "sha256";
}
