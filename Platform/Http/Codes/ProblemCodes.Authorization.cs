using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The authorization service's codes: decisions, policies, the attribute authority, delegations.</summary>
public static partial class ProblemCodes
{
    /// <summary>A decision request that is not Cedar's JSON request form.</summary>
    public static readonly ProblemCode RequestInvalid = new("request-invalid", Status400BadRequest, "The decision request is not Cedar's JSON request form.");

    /// <summary>A decision request's token that is not a current access token of the platform's identity provider.</summary>
    public static readonly ProblemCode PrincipalTokenInvalid = new("principal-token-invalid", Status400BadRequest,
        "The decision request's token is not a current access token of the platform's identity provider: expired, revoked, from another issuer or not validly signed.");

    /// <summary>Entities that are not Cedar JSON entities, or that the caller may not supply.</summary>
    public static readonly ProblemCode EntitiesInvalid = new("entities-invalid", Status400BadRequest, "The request's entities are not Cedar JSON entities, or name entities only the platform supplies.");

    /// <summary>Entities in the request that only the platform may supply.</summary>
    public static readonly ProblemCode EntityReserved = new("entity-reserved", Status400BadRequest,
        "The request's entities include a certificate holder; holders and their roles are the platform's to supply, never the caller's.");

    /// <summary>A batch with too many requests.</summary>
    public static readonly ProblemCode BatchTooLarge = new("batch-too-large", Status400BadRequest, "The batch holds more requests than allowed.");

    /// <summary>Policies that do not parse.</summary>
    public static readonly ProblemCode PolicySyntaxInvalid = new("policy-syntax-invalid", Status400BadRequest, "The policies do not parse; errors carry line and column.");

    /// <summary>Policies that do not validate against the schema.</summary>
    public static readonly ProblemCode PolicyInvalid = new("policy-invalid", Status400BadRequest, "The policies do not validate against the active schema.");

    /// <summary>A schema that does not parse.</summary>
    public static readonly ProblemCode SchemaSyntaxInvalid = new("schema-syntax-invalid", Status400BadRequest, "The schema does not parse; errors carry line and column.");

    /// <summary>A schema the active policies do not validate against.</summary>
    public static readonly ProblemCode SchemaIncompatible = new("schema-incompatible", Status400BadRequest, "The active policies do not validate against this schema.");

    /// <summary>A history kind other than policies or schema.</summary>
    public static readonly ProblemCode KindInvalid = new("kind-invalid", Status400BadRequest, "kind is policies or schema.");

    /// <summary>A version that is not a positive whole number.</summary>
    public static readonly ProblemCode VersionInvalid = new("version-invalid", Status400BadRequest, "A version is a positive whole number.");

    /// <summary>No such stored version.</summary>
    public static readonly ProblemCode VersionUnknown = new("version-unknown", Status404NotFound, "No such version of the policies or the schema was stored.");

    /// <summary>No schema set.</summary>
    public static readonly ProblemCode SchemaNotSet = new("schema-not-set", Status404NotFound, "No schema has been set.");

    /// <summary>The policies or schema changed while an update was checked.</summary>
    public static readonly ProblemCode UpdateConcurrent = new("update-concurrent", Status409Conflict, "The policies or schema changed while the update was checked against them; retry.");

    /// <summary>A holder serial that is not hex.</summary>
    public static readonly ProblemCode HolderInvalid = new("holder-invalid", Status400BadRequest, "holderSerial is the hexadecimal serial number of a certificate the platform issued.");

    /// <summary>No current certificate for the holder.</summary>
    public static readonly ProblemCode HolderUnknown = new("holder-unknown", Status400BadRequest, "The holder has no current certificate from the platform.");

    /// <summary>Role names that are not valid.</summary>
    public static readonly ProblemCode RolesInvalid = new("roles-invalid", Status400BadRequest, "roles are 1 to 16 names of letters, digits, '.', '_' and '-'.");

    /// <summary>A department name that is not valid.</summary>
    public static readonly ProblemCode DepartmentInvalid = new("department-invalid", Status400BadRequest, "The department is not a valid name.");

    /// <summary>A clearance that is not a class.</summary>
    public static readonly ProblemCode ClearanceInvalid = new("clearance-invalid", Status400BadRequest, "The clearance is not one of the classes.");

    /// <summary>A validity out of range.</summary>
    public static readonly ProblemCode ValidityInvalid = new("validity-invalid", Status400BadRequest, "The validity in days is out of range.");

    /// <summary>Granting roles that conflict under separation of duty.</summary>
    public static readonly ProblemCode SeparationOfDutyViolated = new("separation-of-duty-violated", Status409Conflict, "The holder would hold roles that separation of duty keeps apart.");

    /// <summary>No such attribute certificate.</summary>
    public static readonly ProblemCode AttributeCertificateUnknown = new("attribute-certificate-unknown", Status404NotFound, "No attribute certificate with that serial number was issued here.");

    /// <summary>An attribute certificate revoked a second time.</summary>
    public static readonly ProblemCode AttributeCertificateAlreadyRevoked = new("attribute-certificate-already-revoked", Status409Conflict,
        "The attribute certificate is revoked already; the answer says when.");

    /// <summary>A delegate serial that is not hex.</summary>
    public static readonly ProblemCode DelegateInvalid = new("delegate-invalid", Status400BadRequest, "delegateSerial is the hexadecimal serial number of a certificate the platform issued.");

    /// <summary>No current certificate for the delegate.</summary>
    public static readonly ProblemCode DelegateUnknown = new("delegate-unknown", Status400BadRequest, "The delegate has no current certificate from the platform.");

    /// <summary>A maximum depth out of range.</summary>
    public static readonly ProblemCode DepthInvalid = new("depth-invalid", Status400BadRequest, "maxDepth is out of range.");

    /// <summary>A grant beyond what the caller's delegations cover.</summary>
    public static readonly ProblemCode DelegationScopeExceeded = new("delegation-scope-exceeded", Status403Forbidden,
        "The grant goes beyond the roles, departments or clearance the caller's delegations cover; the answer names which.");

    /// <summary>A sub-delegation deeper than allowed.</summary>
    public static readonly ProblemCode DelegationDepthExceeded = new("delegation-depth-exceeded", Status403Forbidden, "The caller's delegation allows no further delegation this deep.");

    /// <summary>Department names that are not valid.</summary>
    public static readonly ProblemCode DepartmentsInvalid = new("departments-invalid", Status400BadRequest, "departments are names of letters, digits, '.', '_' and '-'.");

    /// <summary>A delegation id that is not hex.</summary>
    public static readonly ProblemCode DelegationIdInvalid = new("delegation-id-invalid", Status400BadRequest, "A delegation id is hexadecimal.");

    /// <summary>No such delegation.</summary>
    public static readonly ProblemCode DelegationUnknown = new("delegation-unknown", Status404NotFound, "No delegation with that id was made here.");

    /// <summary>A delegation revoked a second time.</summary>
    public static readonly ProblemCode DelegationAlreadyRevoked = new("delegation-already-revoked", Status409Conflict, "The delegation is revoked already; the answer says when.");
}
