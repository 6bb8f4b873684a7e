using Pmi.Authorization.Authorization;
using Pmi.Authorization.Model;
using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Schema;

/// <summary>
/// A Cedar schema: entity types, actions and their resolved types. Parse it from the human-readable
/// syntax with <see cref="Parse"/> or from the JSON format with <see cref="ParseJson"/>.
/// </summary>
public sealed class CedarSchema
{
    private Validation.SchemaInfo? _info;

    internal CedarSchema(Dictionary<string, EntityTypeDef> entityTypes, Dictionary<EntityUid, ActionDef> actions)
    {
        EntityTypes = entityTypes;
        Actions = actions;
    }

    /// <summary>Names of the declared entity types.</summary>
    public IEnumerable<string> EntityTypeNames => EntityTypes.Keys;

    /// <summary>Uids of the declared actions.</summary>
    public IEnumerable<EntityUid> ActionUids => Actions.Keys;

    internal Dictionary<string, EntityTypeDef> EntityTypes { get; }

    internal Dictionary<EntityUid, ActionDef> Actions { get; }

    /// <summary>Parses the human-readable schema syntax (<c>.cedarschema</c>).</summary>
    public static CedarResult<CedarSchema> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return CedarResult<CedarSchema>.Ok(SchemaParser.Parse(text).Build());
        }
        catch (ParseException ex)
        {
            return CedarResult<CedarSchema>.Fail(ex.Error.ToString());
        }
        catch (SchemaException ex)
        {
            return CedarResult<CedarSchema>.Fail(ex.Message);
        }
    }

    /// <summary>Parses the JSON schema format.</summary>
    public static CedarResult<CedarSchema> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return CedarResult<CedarSchema>.Ok(SchemaJsonParser.Parse(json).Build());
        }
        catch (System.Text.Json.JsonException ex)
        {
            return CedarResult<CedarSchema>.Fail("invalid JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return CedarResult<CedarSchema>.Fail("invalid JSON text: " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement accessors throw this when a schema field has the wrong JSON kind.
            return CedarResult<CedarSchema>.Fail("invalid schema JSON: " + ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return CedarResult<CedarSchema>.Fail("invalid schema JSON: " + ex.Message);
        }
        catch (SchemaException ex)
        {
            return CedarResult<CedarSchema>.Fail(ex.Message);
        }
    }

    internal Validation.SchemaInfo Info => _info ??= new Validation.SchemaInfo(this);

    internal ActionDef? GetAction(EntityUid uid) => Actions.GetValueOrDefault(uid);

    internal EntityTypeDef? GetEntityType(string name) => EntityTypes.GetValueOrDefault(name);
}
