using Pmi.Authorization.Model;
using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Policies;

/// <summary>
/// A set of static policies, templates and template-linked policies. Immutable once built; linking
/// returns a new set.
/// </summary>
public sealed class PolicySet
{
    private readonly Dictionary<string, Policy> _byId;
    private readonly Dictionary<Policy, int> _order = new(ReferenceEqualityComparer.Instance);

    internal PolicySet(IReadOnlyList<Policy> all)
    {
        All = all;
        _byId = new Dictionary<string, Policy>(StringComparer.Ordinal);
        var active = new List<Policy>();
        foreach (var p in all)
        {
            _order[p] = _order.Count;
            _byId[p.Id] = p;
            if (!p.IsTemplate)
            {
                active.Add(p);
            }
        }

        Active = active;
        Index = new PolicyIndex(active);
    }

    /// <summary>Every policy, template and link, in text then link order.</summary>
    public IReadOnlyList<Policy> All { get; }

    /// <summary>Static and template-linked policies: those that take part in authorization.</summary>
    public IReadOnlyList<Policy> Active { get; }

    internal PolicyIndex Index { get; }

    /// <summary>Parses Cedar policy text. A syntax error fails the whole set, with its position.</summary>
    public static PolicySetResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return PolicySetResult.Ok(new PolicySet(PolicyParser.ParsePolicies(text)));
        }
        catch (ParseException ex)
        {
            return PolicySetResult.Fail(ex.Error);
        }
    }

    internal int OrderOf(Policy p) => _order[p];

    /// <summary>
    /// Reads Cedar's JSON policy-set format (<c>staticPolicies</c>, <c>templates</c>,
    /// <c>templateLinks</c>), the form Cedar's tools exchange policies in.
    /// </summary>
    public static PolicySetResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = 512 });
            return PolicySetResult.Ok(new PolicySet(Json.PolicyJsonReader.ReadPolicySet(doc.RootElement)));
        }
        catch (Json.JsonFormatException ex)
        {
            return PolicySetResult.Fail(new ParseError(ex.Message, 0, 0));
        }
        catch (System.Text.Json.JsonException ex)
        {
            return PolicySetResult.Fail(new ParseError("invalid JSON: " + ex.Message, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return PolicySetResult.Fail(new ParseError("invalid policy JSON: " + ex.Message, 0, 0));
        }
    }

    /// <summary>Finds a policy, template or link by id.</summary>
    public Policy? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Links a template: fills its slots and adds the result under <paramref name="newId"/>.
    /// Fails (as a value) when the template is unknown, the id is taken, or a slot is left unfilled.
    /// </summary>
    public PolicySetResult Link(string templateId, string newId, EntityUid? principal, EntityUid? resource)
    {
        if (!_byId.TryGetValue(templateId, out var template) || !template.IsTemplate)
        {
            return PolicySetResult.Fail(new ParseError($"no template with id \"{templateId}\"", 0, 0));
        }

        if (_byId.ContainsKey(newId))
        {
            return PolicySetResult.Fail(new ParseError($"policy id \"{newId}\" is already used", 0, 0));
        }

        if (template.Principal.IsSlot != principal.HasValue || template.Resource.IsSlot != resource.HasValue)
        {
            return PolicySetResult.Fail(new ParseError("slot values do not match the template's slots", 0, 0));
        }

        var linked = template.Link(newId, principal, resource);
        return PolicySetResult.Ok(new PolicySet([.. All, linked]));
    }
}
