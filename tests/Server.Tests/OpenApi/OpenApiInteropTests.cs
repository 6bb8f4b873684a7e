using Server.Tests.Hosting;
using Server.Tests.Identity.Interop;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.OpenApi;

/// <summary>The OpenAPI description checked by validators nobody here wrote: Redocly's linter and swagger-parser.</summary>
public sealed class OpenApiInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["@redocly/cli"] = "2.77.0",
        ["@apidevtools/swagger-parser"] = "10.1.1",
    };

    // No telemetry and no update check: the linter reaches nothing but the file.
    private static readonly Dictionary<string, string> Offline = new(StringComparer.Ordinal)
    {
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
    };

    [Fact]
    public async Task RedoclyLint_RecommendedRules_FindNoError()
    {
        var (folder, document) = await PrepareAsync();
        var result = await ExternalTool.RunAsync(ExternalTool.Require("node"),
            [Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", document, "--format=json"],
            workingDirectory: folder, environment: Offline, timeout: TimeSpan.FromMinutes(2));
        var output = result.Output;
        Assert.True(output.Contains('{', StringComparison.Ordinal), "redocly printed no report: " + result);
        using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var errors = report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => p.GetProperty("ruleId").GetString() + ": " + p.GetProperty("message").GetString()).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        Assert.Equal(0, report.RootElement.GetProperty("totals").GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task SwaggerParser_Validate_AcceptsTheDocument()
    {
        var (folder, document) = await PrepareAsync();
        var result = await ExternalTool.RunAsync(ExternalTool.Require("node"), [Path.Combine(folder, "swagger-parser-validate.mjs"), document],
            workingDirectory: folder, timeout: TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());
        using var verdict = JsonDocument.Parse(result.Output);
        Assert.True(verdict.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("3.1.1", verdict.RootElement.GetProperty("openapi").GetString());
    }

    private async Task<(string Folder, string Document)> PrepareAsync()
    {
        var folder = await NodePackages.InstallAsync(Packages, "OpenApi");
        var document = Path.Combine(folder, $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await OpenApiDocumentTests.FetchAsync(fixture.Server));
        return (folder, document);
    }
}
