using Pmi.Authorization.Authorization;
using Pmi.Authorization.Testing;

namespace Pmi.Authorization.Tests.Corpus;

public sealed class IntegrationTestRunnerTests
{
    [Fact]
    public void Run_WithoutCorpusRoot_FindsFilesAboveTheTest()
    {
        var file = Path.Combine(CorpusLocator.Root, "tests", "decimal", "1.json");

        var result = new IntegrationTestRunner().Run(file);

        Assert.Null(result.SetupError);
        Assert.All(result.Requests, r => Assert.True(r.Passed));
        Assert.Equal(Decision.Allow, result.Requests[0].Decision);
    }

    [Fact]
    public void Run_MissingFile_ReportsSetupErrorAsResult()
    {
        var result = new IntegrationTestRunner().Run(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".json"));

        Assert.NotNull(result.SetupError);
        Assert.Empty(result.Requests);
    }

    [Fact]
    public void Run_WrongExpectation_IsReportedAsFailure()
    {
        var dir = Directory.CreateTempSubdirectory("pmi-cedar-runner-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "p.cedar"), "permit(principal, action, resource);");
            File.WriteAllText(Path.Combine(dir.FullName, "e.json"), "[]");
            File.WriteAllText(Path.Combine(dir.FullName, "s.cedarschema"), "entity U; action a appliesTo { principal: U, resource: U };");
            var test = Path.Combine(dir.FullName, "t.json");
            File.WriteAllText(test, """
                {"policies": "p.cedar", "entities": "e.json", "schema": "s.cedarschema", "shouldValidate": true,
                 "requests": [{"description": "r", "principal": {"type": "U", "id": "x"}, "action": {"type": "Action", "id": "a"},
                   "resource": {"type": "U", "id": "y"}, "context": {}, "validateRequest": true, "decision": "deny", "reason": [], "errors": []}]}
                """);

            var result = new IntegrationTestRunner().Run(test);

            var request = Assert.Single(result.Requests);
            Assert.False(request.Passed);
            Assert.Equal(Decision.Allow, request.Decision);
            Assert.Equal(["policy0"], request.Reasons);
            Assert.True(result.ValidationPassed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
