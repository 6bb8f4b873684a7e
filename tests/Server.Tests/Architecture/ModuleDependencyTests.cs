using System.Reflection;

namespace Server.Tests.Architecture;

/// <summary>DESIGN: every module depends on Platform only; modules meet through Platform contracts.</summary>
public sealed class ModuleDependencyTests
{
    private static readonly string[] Modules = ["Pki.Ca", "Pki.Tsa", "Pmi.Authorization", "Identity", "Audit", "Gateway", "Signatures"];

    public static TheoryData<string> PresentModules()
    {
        var data = new TheoryData<string>();
        foreach (var module in Modules.Where(m => File.Exists(Path.Combine(AppContext.BaseDirectory, m + ".dll"))))
        {
            data.Add(module);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PresentModules))]
    public void Module_References_NoOtherModule(string module)
    {
        var references = Assembly.Load(module).GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Platform", references);
        Assert.DoesNotContain(references, r => r != module && Modules.Contains(r));
    }

    [Fact]
    public void Platform_References_NoModule()
    {
        var references = Assembly.Load("Platform").GetReferencedAssemblies().Select(a => a.Name);

        Assert.Empty(references.Intersect(Modules));
    }

    [Fact]
    public void Server_Composes_EveryPresentModule()
    {
        var references = Assembly.Load("Server").GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Pki.Ca", references);
    }
}
