using System.Text.Json;
using Platform.Http;
using Pmi.Authorization.Authorization;
using Pmi.Authorization.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// Reads Cedar's JSON request form, <c>{"principal", "action", "resource", "context", "entities"}</c>,
/// against the active generation: with a schema, the request and its entities must conform to it.
/// Entities in the request add to those the platform knows; they may not redefine one. The holder
/// type is the platform's alone: a caller may supply no entity of it, whatever the platform knows of
/// that holder, nor make a role or department (the types it derives from attribute certificates) a
/// member of anything, which would hand every holder of it more.
/// </summary>
internal static class DecisionRequestReader
{
    private static readonly JsonElement EmptyContext = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="element">The request.</param>
    /// <param name="active">The active generation.</param>
    /// <param name="maxEntities">The most entities the request may carry.</param>
    /// <param name="platformEntity">The entity the platform knows for a principal (from attribute certificates), if any.</param>
    /// <param name="reserved">The platform's entity types from attribute certificates; null when it has none.</param>
    /// <param name="tokenPrincipal">The principal the request's validated token names (<see cref="TokenPrincipals"/>), if it carries one.</param>
    public static DecisionInput Read(
        JsonElement element, ActivePolicies active, int maxEntities, Func<EntityUid, Entity?>? platformEntity = null, ReservedEntityTypes? reserved = null,
        Entity? tokenPrincipal = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return DecisionInput.Refused(ProblemCodes.RequestInvalid, "A decision request is a JSON object.");
        }

        try
        {
            var principal = tokenPrincipal?.Uid ?? JsonValueReader.ReadUid(Required(element, "principal"));
            var action = JsonValueReader.ReadUid(Required(element, "action"));
            var resource = JsonValueReader.ReadUid(Required(element, "resource"));
            var context = element.TryGetProperty("context", out var c) && c.ValueKind != JsonValueKind.Null ? c : EmptyContext;
            var request = AuthorizationRequest.CreateFromElement(principal, action, resource, context, active.Schema, validate: true);
            if (!request.IsSuccess)
            {
                return DecisionInput.Refused(ProblemCodes.RequestInvalid, request.Error!);
            }

            var known = tokenPrincipal ?? platformEntity?.Invoke(principal);
            if (!element.TryGetProperty("entities", out var entitiesElement) || entitiesElement.ValueKind == JsonValueKind.Null)
            {
                return DecisionInput.Ok(request.Value!, known is null ? active.Baseline : active.Baseline.With([known]));
            }

            var (additional, problem) = ReadEntities(entitiesElement, active, maxEntities);
            if (problem is null && reserved is not null && additional!.Select(reserved.Refusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                return DecisionInput.Refused(ProblemCodes.EntityReserved, refusal);
            }

            if (problem is null && known is not null)
            {
                problem = additional!.Any(e => e.Uid == known.Uid)
                    ? $"Entity {known.Uid} is defined by the platform (attribute certificates) and may not be supplied."
                    : null;
                additional!.Add(known);
            }

            return problem is not null ? DecisionInput.Refused(ProblemCodes.EntitiesInvalid, problem) : DecisionInput.Ok(request.Value!, active.Baseline.With(additional!));
        }
        catch (JsonFormatException e)
        {
            return DecisionInput.Refused(ProblemCodes.RequestInvalid, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement accessors on a value of the wrong JSON kind.
            return DecisionInput.Refused(ProblemCodes.RequestInvalid, e.Message);
        }
    }

    private static (List<Entity>? Entities, string? Problem) ReadEntities(JsonElement array, ActivePolicies active, int maxEntities)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return (null, "\"entities\" must be an array of Cedar JSON entities.");
        }

        if (array.GetArrayLength() > maxEntities)
        {
            return (null, $"A request may carry at most {maxEntities} entities.");
        }

        var entities = new List<Entity>(array.GetArrayLength());
        var seen = new HashSet<EntityUid>();
        foreach (var item in array.EnumerateArray())
        {
            var entity = EntityJsonReader.ReadEntity(item, active.Schema);
            var violation = active.Schema is null ? null : SchemaConformance.CheckEntity(entity, active.Schema);
            if (violation is not null)
            {
                return (null, violation);
            }

            if (!seen.Add(entity.Uid))
            {
                return (null, $"Entity {entity.Uid} appears twice.");
            }

            if (active.Baseline.Contains(entity.Uid))
            {
                // What the platform knows is not the caller's to redefine (an action's groups, an attribute certificate's roles).
                return (null, $"Entity {entity.Uid} is defined by the platform and may not be supplied.");
            }

            entities.Add(entity);
        }

        return (entities, null);
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonFormatException($"A decision request needs \"{name}\".");
}
