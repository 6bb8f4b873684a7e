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
        PrincipalValue = new EntityValue(principal);
        ActionValue = new EntityValue(action);
        ResourceValue = new EntityValue(resource);
    }

    /// <summary>The principal.</summary>
    public EntityUid Principal { get; }

    /// <summary>The action.</summary>
    public EntityUid Action { get; }

    /// <summary>The resource.</summary>
    public EntityUid Resource { get; }

    internal RecordValue ContextValue { get; }

    // Built once so that deciding the same request repeatedly does not allocate them again.
    internal EntityValue PrincipalValue { get; }

    internal EntityValue ActionValue { get; }

    internal EntityValue ResourceValue { get; }

    private static JsonDocument EmptyObject { get; } = JsonDocument.Parse("{}");

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
        catch (ArgumentException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail("invalid context JSON text: " + ex.Message);
        }
    }

    /// <summary>
    /// Reads a request in Cedar's JSON format: <c>{"principal": {"type", "id"}, "action": ...,
    /// "resource": ..., "context": {...}}</c>. With a schema, the request is validated as in
    /// <see cref="Create(EntityUid, EntityUid, EntityUid, string?, CedarSchema?)"/>.
    /// </summary>
    public static CedarResult<AuthorizationRequest> FromJson(string json, CedarSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonValueReader.MaxDepth });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CedarResult<AuthorizationRequest>.Fail("request must be a JSON object");
            }

            var principal = JsonValueReader.ReadUid(Property(root, "principal"));
            var action = JsonValueReader.ReadUid(Property(root, "action"));
            var resource = JsonValueReader.ReadUid(Property(root, "resource"));
            return root.TryGetProperty("context", out var context)
                ? CreateFromElement(principal, action, resource, context, schema, validate: true)
                : CreateFromElement(principal, action, resource, EmptyObject.RootElement, schema, validate: true);
        }
        catch (JsonException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail("invalid request JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail("invalid request JSON text: " + ex.Message);
        }
        catch (JsonFormatException ex)
        {
            return CedarResult<AuthorizationRequest>.Fail(ex.Message);
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

    private static JsonElement Property(JsonElement root, string name) =>
        root.TryGetProperty(name, out var p) ? p : throw new JsonFormatException($"request needs \"{name}\"");
}
