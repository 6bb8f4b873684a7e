using System.Text.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Testing;

/// <summary>
/// Loads the policies, schema and entities a test file names. Names are relative to the corpus root;
/// without one, the nearest directory above the test file where the name exists is used.
/// </summary>
internal sealed class TestFileLoader(string? corpusRoot, string testFile)
{
    public PolicySet? Policies { get; private set; }

    public CedarSchema? Schema { get; private set; }

    public Entities? Entities { get; private set; }

    /// <summary>Loads everything; returns why loading failed, or null.</summary>
    public string? Load(JsonElement root)
    {
        try
        {
            var schemaPath = Resolve(root, "schema");
            var schemaText = File.ReadAllText(schemaPath);
            var schema = schemaPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? CedarSchema.ParseJson(schemaText) : CedarSchema.Parse(schemaText);
            if (!schema.IsSuccess)
            {
                return "schema: " + schema.Error;
            }

            Schema = schema.Value;
            var policies = PolicySet.Parse(File.ReadAllText(Resolve(root, "policies")));
            if (!policies.IsSuccess)
            {
                return "policies: " + policies.Error;
            }

            Policies = policies.Value;
            var entities = Entities.FromJson(File.ReadAllText(Resolve(root, "entities")), Schema);
            if (!entities.IsSuccess)
            {
                return "entities: " + entities.Error;
            }

            Entities = entities.Value;
            return null;
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
        catch (UnauthorizedAccessException ex)
        {
            return ex.Message;
        }
    }

    private string Resolve(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var p) || p.ValueKind != JsonValueKind.String)
        {
            throw new IOException($"test file has no \"{property}\"");
        }

        var relative = p.GetString()!;
        if (corpusRoot is not null)
        {
            return Path.Combine(corpusRoot, relative);
        }

        for (var dir = Path.GetDirectoryName(Path.GetFullPath(testFile)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"\"{relative}\" was not found above {testFile}");
    }
}
