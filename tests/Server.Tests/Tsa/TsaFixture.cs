using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Tsa;

/// <summary>A platform with its TSA, and a work folder holding the root and the TSA chain for openssl.</summary>
public abstract class TsaServerFixture(string[] arguments) : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public TemporaryDirectory Work { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Server = await PlatformServer.StartAsync(data.Path, arguments);
        File.Copy(Server.DataFile("root-ca.pem"), Work.File("root-ca.pem"));
        await File.WriteAllTextAsync(Work.File("tsa-chain.pem"), await Server.HttpClient().GetStringAsync("/tsa/certificate-chain"));
        await File.WriteAllTextAsync(Work.File("document.txt"), "A decision of the Department of Works, " + Guid.NewGuid());
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
        Work.Dispose();
    }
}

/// <summary>The default TSA (ECDSA P-256).</summary>
public sealed class TsaFixture() : TsaServerFixture([]);

/// <summary>The TSA signing with RSA.</summary>
public sealed class RsaTsaFixture() : TsaServerFixture(["--Tsa:KeyAlgorithm", "RSA-2048"]);

/// <summary>The TSA signing with Ed25519.</summary>
public sealed class Ed25519TsaFixture() : TsaServerFixture(["--Tsa:KeyAlgorithm", "Ed25519"]);

/// <summary>An SM2 hierarchy with an SM2 TSA (SM3 imprints and signatures).</summary>
public sealed class Sm2TsaFixture() : TsaServerFixture(["--Pki:Hierarchy:Algorithm", "SM2", "--Tsa:KeyAlgorithm", "SM2"]);
