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
            "Pmi.Authorization.AttributeAuthority.AttributeAuthorityOptions",
            "Pmi.Authorization.AttributeAuthority.AttributeCertificatePage",
            "Pmi.Authorization.AttributeAuthority.AttributeCertificateRecord",
            "Pmi.Authorization.AttributeAuthority.AttributeCertificateRequest",
            "Pmi.Authorization.AttributeAuthority.AttributeCertificateResponse",
            "Pmi.Authorization.AttributeAuthority.DelegationPage",
            "Pmi.Authorization.AttributeAuthority.DelegationRequest",
            "Pmi.Authorization.AttributeAuthority.DelegationResponse",
            "Pmi.Authorization.AttributeAuthority.SeparationOfDutyOptions",
            "Pmi.Authorization.Authorization.AuthorizationRequest",
            "Pmi.Authorization.Authorization.AuthorizationResponse",
            "Pmi.Authorization.Authorization.Authorizer",
            "Pmi.Authorization.Authorization.CedarResult`1",
            "Pmi.Authorization.Authorization.Decision",
            "Pmi.Authorization.Authorization.PolicyError",
            "Pmi.Authorization.Endpoints.AuthorizationJsonContext",
            "Pmi.Authorization.Endpoints.BatchDecisionResponse",
            "Pmi.Authorization.Endpoints.DecisionError",
            "Pmi.Authorization.Endpoints.DecisionResponse",
            "Pmi.Authorization.Endpoints.DocumentErrorResponse",
            "Pmi.Authorization.Endpoints.PolicyHistoryPage",
            "Pmi.Authorization.Endpoints.PolicyValidationResponse",
            "Pmi.Authorization.Endpoints.PolicyVersion",
            "Pmi.Authorization.Endpoints.UpdateResponse",
            "Pmi.Authorization.Metrics.AuthorizationMetrics",
            "Pmi.Authorization.Model.Entities",
            "Pmi.Authorization.Model.EntitiesResult",
            "Pmi.Authorization.Model.EntityUid",
            "Pmi.Authorization.Parsing.ParseError",
            "Pmi.Authorization.PmiAuthorizationServiceCollectionExtensions",
            "Pmi.Authorization.Policies.Effect",
            "Pmi.Authorization.Policies.Policy",
            "Pmi.Authorization.Policies.PolicySet",
            "Pmi.Authorization.Policies.PolicySetResult",
            "Pmi.Authorization.Policies.SlotKind",
            "Pmi.Authorization.PolicyDecisionOptions",
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

        // The runtime, ASP.NET Core, Bouncy Castle (attribute certificates) and the shared kernel; never another
        // module (DESIGN: modules meet through Platform).
        Assert.DoesNotContain(references, name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard"
            && name != "Platform" && !name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            && !name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) && name != "Microsoft.Net.Http.Headers"
            && name != "BouncyCastle.Cryptography");
    }

    [Fact]
    public void Engine_DoesNotDependOnHosting()
    {
        // The policy engine is a pure function of its inputs; only the decision point's folders touch the host.
        string[] hostingFolders = ["Pmi.Authorization.Decisions", "Pmi.Authorization.Endpoints", "Pmi.Authorization.Storage", "Pmi.Authorization.AttributeAuthority"];
        var engineTypes = Module.GetTypes().Where(t => t.Namespace is { } ns && ns != "Pmi.Authorization" && !hostingFolders.Contains(ns));

        foreach (var type in engineTypes)
        {
            var members = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            var used = members.SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(f => f.FieldType));
            Assert.DoesNotContain(used, t => t.Assembly.GetName().Name is { } name
                && (name == "Platform" || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)));
        }
    }
}
