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
/// named policies, entities and schema, validates the policies, decides every request and compares
/// each outcome with the expectation. Problems with the files are reported in the result.
/// </summary>
/// <param name="corpusRoot">
/// Directory the file names inside test files are relative to; when null, each name is looked up in
/// the test file's directory and then its ancestors.
/// </param>
public sealed class IntegrationTestRunner(string? corpusRoot = null)
{
    /// <summary>Runs one test file.</summary>
    public TestFileResult Run(string testFile)
    {
        ArgumentNullException.ThrowIfNull(testFile);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(testFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new TestFileResult(testFile, [], false, null, [], "test file: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var shouldValidate = root.TryGetProperty("shouldValidate", out var sv) && sv.ValueKind == JsonValueKind.True;
            var loader = new TestFileLoader(corpusRoot, testFile);
            var setupError = loader.Load(root);

            bool? validated = null;
            IReadOnlyList<string> validationErrors = [];
            if (setupError is null)
            {
                var v = Validator.Validate(loader.Policies!, loader.Schema!);
                validated = v.IsValid;
                validationErrors = [.. v.Errors.Select(e => e.ToString())];
            }

            var results = new List<RequestResult>();
            if (root.TryGetProperty("requests", out var requests) && requests.ValueKind == JsonValueKind.Array)
            {
                foreach (var req in requests.EnumerateArray())
                {
                    results.Add(RunRequest(testFile, req, setupError, loader.Policies, loader.Entities, loader.Schema));
                }
            }

            return new TestFileResult(testFile, results, shouldValidate, validated, validationErrors, setupError);
        }
    }

    private static RequestResult RunRequest(string file, JsonElement req, string? setupError, PolicySet? policies, Entities? entities, CedarSchema? schema)
    {
        var description = req.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        var expectedDecision = req.TryGetProperty("decision", out var dec) && string.Equals(dec.GetString(), "allow", StringComparison.OrdinalIgnoreCase) ? Decision.Allow : Decision.Deny;
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
            var validate = req.TryGetProperty("validateRequest", out var vr) && vr.ValueKind == JsonValueKind.True;
            var request = req.TryGetProperty("context", out var context)
                ? AuthorizationRequest.CreateFromElement(principal, action, resource, context, schema, validate)
                : CedarResult<AuthorizationRequest>.Ok(AuthorizationRequest.Create(principal, action, resource));
            if (!request.IsSuccess)
            {
                return Fail("request: " + request.Error);
            }

            var response = Authorizer.IsAuthorized(request.Value!, policies!, entities!);
            var reasons = response.Reasons.Order(StringComparer.Ordinal).ToList();
            var errors = response.Errors.Select(e => e.PolicyId).Distinct().Order(StringComparer.Ordinal).ToList();
            return new RequestResult(file, description, response.Decision, reasons, errors, expectedDecision, expectedReasons, expectedErrors, null);
        }
        catch (Exception ex) when (ex is JsonFormatException or KeyNotFoundException)
        {
            return Fail("request: " + ex.Message);
        }
    }

    private static List<string> SortedStrings(JsonElement req, string prop) =>
        req.TryGetProperty(prop, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? [.. arr.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Order(StringComparer.Ordinal)]
            : [];
}
