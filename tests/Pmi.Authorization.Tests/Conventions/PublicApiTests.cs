using System.Reflection;
using Pmi.Authorization.Authorization;

namespace Pmi.Authorization.Tests.Conventions;

public sealed class PublicApiTests
{
    private static readonly Assembly Module = typeof(Authorizer).Assembly;

    [Fact]
    public void PublicTypes_MatchTheIntendedApi()
    {
        string[] expected =
        [
            "Pmi.Authorization.Authorization.AuthorizationRequest",
            "Pmi.Authorization.Authorization.AuthorizationResponse",
            "Pmi.Authorization.Authorization.Authorizer",
            "Pmi.Authorization.Authorization.CedarResult`1",
            "Pmi.Authorization.Authorization.Decision",
            "Pmi.Authorization.Authorization.PolicyError",
            "Pmi.Authorization.Model.Entities",
            "Pmi.Authorization.Model.EntitiesResult",
            "Pmi.Authorization.Model.EntityUid",
            "Pmi.Authorization.Parsing.ParseError",
            "Pmi.Authorization.Policies.Effect",
            "Pmi.Authorization.Policies.Policy",
            "Pmi.Authorization.Policies.PolicySet",
            "Pmi.Authorization.Policies.PolicySetResult",
            "Pmi.Authorization.Policies.SlotKind",
            "Pmi.Authorization.Schema.CedarSchema",
            "Pmi.Authorization.Testing.IntegrationTestRunner",
            "Pmi.Authorization.Testing.RequestResult",
            "Pmi.Authorization.Testing.TestFileResult",
            "Pmi.Authorization.Validation.ValidationError",
            "Pmi.Authorization.Validation.ValidationResult",
            "Pmi.Authorization.Validation.Validator",
        ];

        var actual = Module.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Module_ReferencesNoOtherPlatformModule()
    {
        var references = Module.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(references, name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard");
    }
}
