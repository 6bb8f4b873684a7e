using System.Text.Json;
using Pmi.Authorization.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Authorization;

/// <summary>A request: who (principal) does what (action) to what (resource), in which context.</summary>
public sealed class AuthorizationRequest
{
    internal AuthorizationRequest(EntityUid principal, EntityUid action, EntityUid resource, RecordValue context)
    {
        Principal = principal;
        Action = action;
        Resource = resource;
        ContextValue = context;
    }

    /// <summary>The principal.</summary>
    public EntityUid Principal { get; }

    /// <summary>The action.</summary>
    public EntityUid Action { get; }

    /// <summary>The resource.</summary>
    public EntityUid Resource { get; }

    internal RecordValue ContextValue { get; }

    /// <summary>Creates a request with an empty context.</summary>
    public static AuthorizationRequest Create(EntityUid principal, EntityUid action, EntityUid resource) =>
        new(principal, action, resource, RecordValue.Empty);

    /// <summary>
    /// Creates a request whose context is a JSON object in Cedar's value format. With a schema, the
    /// context is read according to the action's declared context type and the request is validated:
    /// the action must be declared and apply to the principal and resource types, and the context
    /// must conform.
    /// </summary>
    public static CedarResult<AuthorizationRequest> Create(EntityUid principal, EntityUid action, EntityUid resource, string? contextJson, CedarSchema? schema = null)
    {
        if (string.IsNullOrWhiteSpace(contextJson))
        {
            return CedarResult<AuthorizationRequest>.Ok(Create(principal, action, resource));
        }

        try
        {
            using var doc = JsonDocument.Parse(contextJson, new JsonDocumentOptions { MaxDepth = JsonValueReader.MaxDepth });
            return CreateFromElement(principal, action, resource, doc.RootElement, schema, validate: true);
        }
        catch (JsonException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail("invalid context JSON: " + ex.Message);
        }
    }

    internal static CedarResult<AuthorizationRequest> CreateFromElement(EntityUid principal, EntityUid action, EntityUid resource, JsonElement context, CedarSchema? schema, bool validate)
    {
        try
        {
            var expected = schema?.GetAction(action)?.Context;
            if (JsonValueReader.Read(context, expected, schema, 0) is not RecordValue r)
            {
                return CedarResult<AuthorizationRequest>.Fail("context must be a record");
            }

            var violation = schema is null || !validate ? null : SchemaConformance.CheckRequest(principal, action, resource, r, schema);
            return violation is null
                ? CedarResult<AuthorizationRequest>.Ok(new AuthorizationRequest(principal, action, resource, r))
                : CedarResult<AuthorizationRequest>.Fail(violation);
        }
        catch (JsonFormatException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail(ex.Message);
        }
    }
}
