using System.Text.Json;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Validation;

namespace Pmi.Authorization.Testing;

/// <summary>
/// Runs Cedar integration-test files (the format of the cedar-integration-tests corpus): loads the
/// named policies, entities and schema, decides every request and compares with the expectation.
/// </summary>
/// <param name="corpusRoot">Directory the file names inside test files are relative to.</param>
public sealed class IntegrationTestRunner(string corpusRoot)
{
    /// <summary>Runs one test file.</summary>
    public TestFileResult Run(string testFile)
    {
        ArgumentNullException.ThrowIfNull(testFile);
        using var doc = JsonDocument.Parse(File.ReadAllText(testFile));
        var root = doc.RootElement;
        var shouldValidate = root.TryGetProperty("shouldValidate", out var sv) && sv.ValueKind == JsonValueKind.True;
        var requests = root.GetProperty("requests");

        var schemaText = File.ReadAllText(Path.Combine(corpusRoot, root.GetProperty("schema").GetString()!));
        var schema = CedarSchema.Parse(schemaText);
        var policies = PolicySet.Parse(File.ReadAllText(Path.Combine(corpusRoot, root.GetProperty("policies").GetString()!)));
        string? setupError = schema.Error ?? (policies.Error is null ? null : "policies: " + policies.Error);
        Entities? entities = null;
        if (setupError is null)
        {
            var er = Entities.FromJson(File.ReadAllText(Path.Combine(corpusRoot, root.GetProperty("entities").GetString()!)), schema.Value);
            entities = er.Value;
            setupError = er.Error is null ? null : "entities: " + er.Error;
        }

        bool? validated = null;
        IReadOnlyList<string> validationErrors = [];
        if (setupError is null)
        {
            var v = Validator.Validate(policies.Value!, schema.Value!);
            validated = v.IsValid;
            validationErrors = [.. v.Errors.Select(e => e.ToString())];
        }

        var results = new List<RequestResult>();
        foreach (var req in requests.EnumerateArray())
        {
            results.Add(RunRequest(testFile, req, setupError, policies.Value, entities, schema.Value));
        }

        return new TestFileResult(testFile, results, shouldValidate, validated, validationErrors, setupError);
    }

    private static RequestResult RunRequest(string file, JsonElement req, string? setupError, PolicySet? policies, Entities? entities, CedarSchema? schema)
    {
        var description = req.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        var expectedDecision = string.Equals(req.GetProperty("decision").GetString(), "allow", StringComparison.OrdinalIgnoreCase) ? Decision.Allow : Decision.Deny;
        var expectedReasons = SortedStrings(req, "reason");
        var expectedErrors = SortedStrings(req, "errors");

        RequestResult Fail(string why) => new(file, description, null, [], [], expectedDecision, expectedReasons, expectedErrors, why);

        if (setupError is not null)
        {
            return Fail(setupError);
        }

        try
        {
            var principal = JsonValueReader.ReadUid(req.GetProperty("principal"));
            var action = JsonValueReader.ReadUid(req.GetProperty("action"));
            var resource = JsonValueReader.ReadUid(req.GetProperty("resource"));
            var context = req.TryGetProperty("context", out var c) ? c : default;
            var request = context.ValueKind == JsonValueKind.Undefined
                ? CedarResult<AuthorizationRequest>.Ok(AuthorizationRequest.Create(principal, action, resource))
                : AuthorizationRequest.CreateFromElement(principal, action, resource, context, schema);
            if (!request.IsSuccess)
            {
                return Fail("request: " + request.Error);
            }

            var response = Authorizer.IsAuthorized(request.Value!, policies!, entities!);
            var reasons = response.Reasons.Order(StringComparer.Ordinal).ToList();
            var errors = response.Errors.Select(e => e.PolicyId).Distinct().Order(StringComparer.Ordinal).ToList();
            return new RequestResult(file, description, response.Decision, reasons, errors, expectedDecision, expectedReasons, expectedErrors, null);
        }
        catch (JsonFormatException ex)
        {
            return Fail("request: " + ex.Message);
        }
    }

    private static List<string> SortedStrings(JsonElement req, string prop) =>
        req.TryGetProperty(prop, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? [.. arr.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Order(StringComparer.Ordinal)]
            : [];
}
