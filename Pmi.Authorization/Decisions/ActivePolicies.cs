using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Storage;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// One immutable generation of what decisions are made with: policies, schema and the entities the
/// platform knows. An update builds a new generation and swaps it in whole, so a decision never sees
/// a policy set from one update with a schema from another.
/// </summary>
internal sealed class ActivePolicies
{
    public ActivePolicies(PolicySet policies, StoredDocument? policyDocument, CedarSchema? schema, StoredDocument? schemaDocument)
    {
        Policies = policies;
        PolicyDocument = policyDocument;
        Schema = schema;
        SchemaDocument = schemaDocument;
        Baseline = schema is null ? Entities.Empty : Entities.FromSchemaActions(schema);
    }

    public static ActivePolicies Empty { get; } = new(PolicySet.Parse("").Value!, null, null, null);

    public PolicySet Policies { get; }

    public StoredDocument? PolicyDocument { get; }

    public CedarSchema? Schema { get; }

    public StoredDocument? SchemaDocument { get; }

    /// <summary>The entities every decision starts from: the schema's actions and their groups.</summary>
    public Entities Baseline { get; }

    public long PolicyVersion => PolicyDocument?.Version ?? 0;

    public long SchemaVersion => SchemaDocument?.Version ?? 0;

    public ActivePolicies WithPolicies(PolicySet policies, StoredDocument document) => new(policies, document, Schema, SchemaDocument);

    public ActivePolicies WithSchema(CedarSchema schema, StoredDocument document) => new(Policies, PolicyDocument, schema, document);
}
