using System.Text.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Testing;

/// <summary>Loads the policies, schema and entities a test file names, relative to the corpus root.</summary>
internal sealed class TestFileLoader(string corpusRoot)
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

    private string Resolve(JsonElement root, string property) =>
        root.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String
            ? Path.Combine(corpusRoot, p.GetString()!)
            : throw new IOException($"test file has no \"{property}\"");
}
