using System.Text.Json.Nodes;

namespace Pmi.Authorization.Benchmarks;

/// <summary>The example use cases of the Cedar integration-test corpus (photo sharing sandboxes), as a workload.</summary>
internal static class CorpusWorkload
{
    public static Workload Load(string corpusRoot)
    {
        var policySets = new List<WorkloadPolicySet>();
        var entitySets = new List<JsonArray>();
        var entityIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var requests = new List<WorkloadRequest>();
        foreach (var file in Directory.GetFiles(Path.Combine(corpusRoot, "tests", "example_use_cases"), "*.json").Order(StringComparer.Ordinal))
        {
            var test = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var schema = File.ReadAllText(Path.Combine(corpusRoot, test["schema"]!.GetValue<string>()));
            policySets.Add(new WorkloadPolicySet(Path.GetFileNameWithoutExtension(file),
                File.ReadAllText(Path.Combine(corpusRoot, test["policies"]!.GetValue<string>())), schema));
            var entitiesPath = test["entities"]!.GetValue<string>();
            if (!entityIndex.TryGetValue(entitiesPath, out var entitySet))
            {
                entitySet = entitySets.Count;
                entityIndex[entitiesPath] = entitySet;
                entitySets.Add(JsonNode.Parse(File.ReadAllText(Path.Combine(corpusRoot, entitiesPath)))!.AsArray());
            }

            foreach (var request in test["requests"]!.AsArray())
            {
                requests.Add(new WorkloadRequest(policySets.Count - 1, entitySet,
                    request!["principal"]!.AsObject(), request["action"]!.AsObject(), request["resource"]!.AsObject(),
                    request["context"]?.AsObject() ?? new JsonObject(), entitySets[entitySet]));
            }
        }

        return new Workload("corpus example use cases", policySets, entitySets, requests);
    }

    /// <summary>The corpus root: <paramref name="explicitRoot"/>, or <c>shared/testdata/cedar</c> above the working directory or the binaries.</summary>
    public static string FindRoot(string? explicitRoot)
    {
        if (explicitRoot is not null)
        {
            return explicitRoot;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "testdata", "cedar"), Path.Combine(dir.FullName, "..", "shared", "testdata", "cedar") })
                {
                    if (Directory.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("shared/testdata/cedar was not found; pass --corpus DIR.");
    }
}
