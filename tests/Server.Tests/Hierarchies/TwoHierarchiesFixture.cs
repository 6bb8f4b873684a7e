using Server.Tests.Hosting;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Hierarchies;

/// <summary>
/// One platform with two hierarchies, the deployment docs/pki.md describes the other way round:
/// the default one SM2 (GM/T 0015 certificates under the bound profile <c>gm-signing</c>) and
/// <c>tls</c>, ECDSA P-256, named as the transport hierarchy.
/// </summary>
public sealed class TwoHierarchiesFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    public PlatformServer Server { get; private set; } = null!;

    public TemporaryDirectory Work { get; } = new();

    public CsrFactory Csrs { get; private set; } = null!;

    public static string[] Arguments { get; } =
    [
        "--Pki:Hierarchy:Algorithm", "SM2",
        "--Pki:Hierarchies:tls:Algorithm", "ECDSA-P256",
        "--Pki:TransportHierarchy", "tls",
        "--Pki:Profiles:gm-signing:Description", "GM/T 0015 signing certificate",
        "--Pki:Profiles:gm-signing:Ca", "issuing",
        "--Pki:Profiles:gm-signing:KeyUsage:0", "digitalSignature",
        "--Pki:Profiles:gm-signing:KeyUsage:1", "contentCommitment",
        "--Pki:Profiles:gm-signing:AllowedSanTypes:0", "email",
        "--Pki:Profiles:gm-signing:RequireCommonName", "true",
    ];

    public async ValueTask InitializeAsync()
    {
        Server = await PlatformServer.StartAsync(data.Path, Arguments);
        Csrs = new CsrFactory(Directory.CreateDirectory(Work.File("requests")).FullName);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        data.Dispose();
        Work.Dispose();
    }
}
