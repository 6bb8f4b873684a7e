using Audit.Merkle;

namespace Audit.Tests.Conventions;

public sealed class ModuleDependencyTests
{
    // Modules reach each other only through Platform contracts (DESIGN.md, dependency rules).
    private static readonly string[] OtherModules = ["Pki.Ca", "Pki.Tsa", "Pmi.Authorization", "Identity", "Gateway", "Server"];

    [Fact]
    public void AuditAssembly_References_NoOtherModule()
    {
        var referenced = typeof(Rfc6962).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(referenced, name => OtherModules.Contains(name));
    }

    [Fact]
    public void AuditAssembly_PublicTypes_LiveInFeatureNamespaces()
    {
        var allowed = new[] { "Audit", "Audit.Merkle", "Audit.Checkpoints", "Audit.Events", "Audit.Storage", "Audit.Publishing", "Audit.Endpoints", "Audit.Verification", "Audit.Export", "Audit.Metrics" };

        var strays = typeof(Rfc6962).Assembly.GetExportedTypes().Where(t => !allowed.Contains(t.Namespace)).Select(t => t.FullName);

        Assert.Empty(strays);
    }
}
