using Server.Cli;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Authorization;

public sealed class AuthzCommandTests
{
    // A property, not a static field: where the shared corpus is absent, only the tests that read
    // it skip, with the reason, instead of the whole class failing in its type initializer.
    private static string CorpusRoot => SharedData.Require("cedar");

    [Fact]
    public void Run_CorpusFiles_PrintsOnePassingLinePerRequestAndExitsZero()
    {
        string[] files = ["tests/example_use_cases/1a.json", "tests/ip/1.json", "tests/decimal/1.json", "tests/multi/1.json"];
        var (status, lines, _) = Run(CorpusRoot, ["run-tests", .. files]);

        Assert.Equal(0, status);
        var expected = files.Sum(f => JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusRoot, f))).RootElement.GetProperty("requests").GetArrayLength());
        Assert.Equal(expected, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.True(line.GetProperty("pass").GetBoolean());
            Assert.Contains(line.GetProperty("file").GetString(), files);
            Assert.Equal(JsonValueKind.String, line.GetProperty("request").ValueKind);
            Assert.Contains(line.GetProperty("decision").GetString(), new[] { "allow", "deny" });
            Assert.Equal(JsonValueKind.Array, line.GetProperty("reasons").ValueKind);
            Assert.Equal(JsonValueKind.Array, line.GetProperty("errors").ValueKind);
            Assert.Equal(line.GetProperty("decision").GetString(), line.GetProperty("expected").GetProperty("decision").GetString());
        });
    }

    [Fact]
    public void Run_WrongExpectation_ReportsFailureAndExitsOne()
    {
        using var directory = FailingCase();
        var (status, lines, _) = Run(directory.Path, ["run-tests", "case.json"]);

        Assert.Equal(1, status);
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].GetProperty("pass").GetBoolean());
        var failed = lines[1];
        Assert.False(failed.GetProperty("pass").GetBoolean());
        Assert.Equal("deny", failed.GetProperty("decision").GetString());
        Assert.Equal("allow", failed.GetProperty("expected").GetProperty("decision").GetString());
    }

    [Fact]
    public void Run_ErroringPolicy_ListsItsIdInErrors()
    {
        using var directory = FailingCase();
        var (_, lines, _) = Run(directory.Path, ["run-tests", "case.json"]);

        Assert.Equal(["broken"], lines[0].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Run_MissingFile_PrintsFileLineAndExitsOne()
    {
        using var directory = new TemporaryDirectory();
        var (status, lines, _) = Run(directory.Path, ["run-tests", "absent.json"]);

        Assert.Equal(1, status);
        var line = Assert.Single(lines);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("request").ValueKind);
        Assert.False(line.GetProperty("pass").GetBoolean());
    }

    [Fact]
    public void Run_NoFiles_PrintsUsageAndExitsTwo()
    {
        using var directory = new TemporaryDirectory();
        var (status, lines, error) = Run(directory.Path, ["run-tests"]);

        Assert.Equal(2, status);
        Assert.Empty(lines);
        Assert.Contains("Usage", error);
    }

    [Fact]
    public async Task Main_FromCorpusRoot_ResolvesPathsAgainstWorkingDirectory()
    {
        var dotnet = ExternalTool.Require("dotnet");
        var server = Path.Combine(AppContext.BaseDirectory, "Server.dll");
        var result = await ExternalTool.RunAsync(dotnet, [server, "authz", "run-tests", "tests/example_use_cases/2a.json"], workingDirectory: CorpusRoot,
            timeout: TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("\"pass\":true", line));
    }

    private static (int Status, List<JsonElement> Lines, string Error) Run(string workingDirectory, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var status = AuthzCommand.Run(args, output, error, workingDirectory);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (status, lines, error.ToString());
    }

    /// <summary>A test file whose second request expects the wrong decision; one policy always errors.</summary>
    private static TemporaryDirectory FailingCase()
    {
        var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File("schema.cedarschema"), "entity User; entity Doc; action read appliesTo { principal: User, resource: Doc };");
        File.WriteAllText(directory.File("policies.cedar"), """
            @id("alice") permit(principal == User::"alice", action, resource);
            @id("broken") permit(principal, action, resource) when { 1 + 9223372036854775807 > 0 };
            """);
        File.WriteAllText(directory.File("entities.json"), "[]");
        File.WriteAllText(directory.File("case.json"), """
            {
              "policies": "policies.cedar", "entities": "entities.json", "schema": "schema.cedarschema", "shouldValidate": true,
              "requests": [
                { "description": "alice reads", "principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "read"},
                  "resource": {"type": "Doc", "id": "d"}, "context": {}, "decision": "allow", "reason": ["alice"], "errors": ["broken"] },
                { "description": "bob reads (wrongly expected)", "principal": {"type": "User", "id": "bob"}, "action": {"type": "Action", "id": "read"},
                  "resource": {"type": "Doc", "id": "d"}, "context": {}, "decision": "allow", "reason": [], "errors": ["broken"] }
              ]
            }
            """);
        return directory;
    }
}
