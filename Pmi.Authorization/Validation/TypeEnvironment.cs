using Pmi.Authorization.Model;

namespace Pmi.Authorization.Validation;

/// <summary>One request shape the schema allows: principal type, action, resource type and context.</summary>
internal sealed record TypeEnvironment(SchemaInfo Schema, string Principal, EntityUid Action, string Resource, RecordOfType Context);
