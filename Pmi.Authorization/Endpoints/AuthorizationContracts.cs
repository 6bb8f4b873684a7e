using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pmi.Authorization.Endpoints;

/// <summary>A decision: <c>allow</c> or <c>deny</c>, the determining policies, and the policies that errored.</summary>
/// <param name="Decision"><c>allow</c> or <c>deny</c>.</param>
/// <param name="Reasons">Ids of the policies that determined the decision.</param>
/// <param name="Errors">Policies whose evaluation failed; they never allow.</param>
public sealed record DecisionResponse(string Decision, IReadOnlyList<string> Reasons, IReadOnlyList<DecisionError> Errors);

/// <summary>A policy that failed to evaluate.</summary>
/// <param name="PolicyId">The policy id.</param>
/// <param name="Message">Why it failed.</param>
public sealed record DecisionError(string PolicyId, string Message);

/// <summary>The answers of a batch, in request order.</summary>
/// <param name="Responses">One decision per request.</param>
public sealed record BatchDecisionResponse(IReadOnlyList<DecisionResponse> Responses);

/// <summary>The answer to an accepted policy or schema update.</summary>
/// <param name="Version">The stored version.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the stored text.</param>
/// <param name="PolicyCount">How many policies and templates are active.</param>
/// <param name="Warnings">Validation warnings.</param>
public sealed record UpdateResponse(long Version, string Sha256, int PolicyCount, IReadOnlyList<DocumentErrorResponse> Warnings);

/// <summary>The answer of <c>POST /authz/policies/validation</c>: whether <c>PUT /authz/policies</c> would store the text.</summary>
/// <param name="Valid">True when the update would be stored.</param>
/// <param name="Code">The problem code the update would be refused with (<c>policy-syntax-invalid</c>, <c>policy-invalid</c>); null when valid.</param>
/// <param name="Errors">The errors, each at its line and column.</param>
/// <param name="Warnings">Validation warnings, which do not refuse.</param>
/// <param name="PolicyCount">How many policies and templates the text holds.</param>
/// <param name="SchemaVersion">The schema version validated against; null when no schema is set (then only syntax is checked).</param>
public sealed record PolicyValidationResponse(
    bool Valid, string? Code, IReadOnlyList<DocumentErrorResponse> Errors, IReadOnlyList<DocumentErrorResponse> Warnings, int PolicyCount, long? SchemaVersion);

/// <summary>A problem in submitted policies or a schema, with its position (0 when unknown).</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="PolicyId">The policy concerned, for validation errors.</param>
public sealed record DocumentErrorResponse(
    string Message,
    int Line,
    int Column,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PolicyId);

/// <summary>Source-generated JSON for the authorization API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DecisionResponse))]
[JsonSerializable(typeof(BatchDecisionResponse))]
[JsonSerializable(typeof(UpdateResponse))]
[JsonSerializable(typeof(PolicyValidationResponse))]
[JsonSerializable(typeof(IReadOnlyList<DocumentErrorResponse>))]
[JsonSerializable(typeof(AttributeAuthority.AttributeCertificateRequest))]
[JsonSerializable(typeof(AttributeAuthority.AttributeCertificateResponse))]
[JsonSerializable(typeof(AttributeAuthority.DelegationRequest))]
[JsonSerializable(typeof(AttributeAuthority.DelegationResponse))]
[JsonSerializable(typeof(AttributeAuthority.DelegationPage))]
[JsonSerializable(typeof(AttributeAuthority.AttributeCertificateRecord))]
[JsonSerializable(typeof(AttributeAuthority.AttributeCertificatePage))]
[JsonSerializable(typeof(PolicyHistoryPage))]
public sealed partial class AuthorizationJsonContext : JsonSerializerContext;

/// <summary>One stored version of the policies or the schema, as the history lists it.</summary>
/// <param name="Version">The version; versions of both kinds share one increasing sequence.</param>
/// <param name="Kind"><c>policies</c> or <c>schema</c>.</param>
/// <param name="Format"><c>cedar</c> or <c>json</c>.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of its text, as the audit trail records it.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="Actor">Who stored it, as the audit trail names them.</param>
public sealed record PolicyVersion(long Version, string Kind, string Format, string Sha256, DateTimeOffset CreatedAt, string? Actor);

/// <summary>A page of the policy history, newest first.</summary>
/// <param name="Items">The versions.</param>
/// <param name="Next">The <c>before</c> value of the next (older) page; null on the last page.</param>
public sealed record PolicyHistoryPage(IReadOnlyList<PolicyVersion> Items, long? Next);
