using System.Text.Json;
using System.Text.Json.Nodes;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using TestSupport;

namespace Pmi.Authorization.Tests.Differential;

/// <summary>
/// Differential testing against Cedar's reference implementation: the same random policies,
/// entities and requests decided by both must give the same decision, the same determining policies
/// and the same erroring policies.
/// </summary>
public sealed class CedarWasmDifferentialTests
{
    private const int Cases = 300;

    [Fact]
    public async Task IsAuthorized_RandomCases_MatchesCedarWasm()
    {
        var folder = await CedarWasm.InstallAsync();
        var cases = new JsonArray();
        for (var seed = 0; seed < Cases; seed++)
        {
            cases.Add(new CaseGenerator(seed).Case());
        }

        using var directory = new TemporaryDirectory();
        var inputFile = directory.File("cases.json");
        await File.WriteAllTextAsync(inputFile, new JsonObject { ["cases"] = cases }.ToJsonString());
        using var reference = JsonDocument.Parse(await CedarWasm.DecideAsync(folder, inputFile));
        var outcomes = reference.RootElement.GetProperty("outcomes");

        var mismatches = new List<string>();
        var compared = 0;
        var decisions = new Dictionary<string, int>();
        var withErrors = 0;
        for (var i = 0; i < Cases; i++)
        {
            var testCase = cases[i]!.AsObject();
            var policies = PolicySet.Parse(testCase["policies"]!.GetValue<string>());
            var entities = Entities.FromJson(testCase["entities"]!.ToJsonString());
            var requests = testCase["requests"]!.AsArray();
            for (var r = 0; r < requests.Count; r++)
            {
                var expected = outcomes[i][r];
                var actual = Decide(policies, entities, requests[r]!.ToJsonString());
                var wanted = Describe(expected);
                compared++;
                decisions[wanted.Split(' ')[0]] = decisions.GetValueOrDefault(wanted.Split(' ')[0]) + 1;
                withErrors += wanted.Contains("errors=[policy", StringComparison.Ordinal) ? 1 : 0;
                // Both refusing the input is agreement, whatever the wording.
                if (actual != wanted && !(actual.StartsWith("failure", StringComparison.Ordinal) && wanted.StartsWith("failure", StringComparison.Ordinal)))
                {
                    mismatches.Add($"seed {i} request {r}: cedar-wasm {wanted}, ours {actual}\n{testCase["policies"]}\n{requests[r]!.ToJsonString()}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cedar-wasm {reference.RootElement.GetProperty("version").GetString()}: {compared} requests, {string.Join(", ", decisions.Select(d => $"{d.Key} {d.Value}"))}, {withErrors} with policy errors, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n\n", mismatches.Take(5)));
        // The generator must exercise all three outcomes, or the comparison proves little.
        Assert.True(decisions.GetValueOrDefault("allow") > compared / 10 && decisions.GetValueOrDefault("deny") > compared / 10 && withErrors > compared / 10,
            $"unbalanced cases: {string.Join(", ", decisions)}, {withErrors} with errors");
    }

    private static string Decide(PolicySetResult policies, EntitiesResult entities, string requestJson)
    {
        if (!policies.IsSuccess || !entities.IsSuccess)
        {
            return "failure (ours) " + (policies.Error?.ToString() ?? entities.Error);
        }

        var request = AuthorizationRequest.FromJson(requestJson);
        if (!request.IsSuccess)
        {
            return "failure (ours) " + request.Error;
        }

        var response = Authorizer.IsAuthorized(request.Value!, policies.Value!, entities.Value!);
        var decision = response.Decision == Decision.Allow ? "allow" : "deny";
        var reasons = string.Join(",", response.Reasons.Order(StringComparer.Ordinal));
        var errors = string.Join(",", response.Errors.Select(e => e.PolicyId).Distinct().Order(StringComparer.Ordinal));
        return $"{decision} reasons=[{reasons}] errors=[{errors}]";
    }

    private static string Describe(JsonElement outcome)
    {
        if (outcome.TryGetProperty("failure", out var failure))
        {
            return "failure " + failure.ToString();
        }

        string Ids(string name) => string.Join(",", outcome.GetProperty(name).EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        return $"{outcome.GetProperty("decision").GetString()} reasons=[{Ids("reasons")}] errors=[{Ids("errors")}]";
    }
}
