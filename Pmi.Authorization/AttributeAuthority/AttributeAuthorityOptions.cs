namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The <c>Pmi:AttributeAuthority</c> configuration section.</summary>
public sealed class AttributeAuthorityOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Pmi:AttributeAuthority";

    /// <summary>
    /// The security policy clearances are stated under (RFC 5755 §4.4.6), by default an OID under the
    /// enterprise number reserved for documentation (RFC 5612): set your own published policy.
    /// </summary>
    public const string DocumentationClearancePolicy = "1.3.6.1.4.1.32473.1.3.1";

    /// <summary>The AA key's algorithm on first start: ECDSA-P256 (default), ECDSA-P384, RSA-3072, Ed25519, SM2.</summary>
    public string KeyAlgorithm { get; set; } = "ECDSA-P256";

    /// <summary>The AA certificate's subject, also the attribute certificates' issuer.</summary>
    public string Subject { get; set; } = "CN=SecurityPlatform Attribute Authority,O=SecurityPlatform";

    /// <summary>Validity of an attribute certificate when the request names none, in days.</summary>
    public int DefaultValidityDays { get; set; } = 30;

    /// <summary>The longest validity an attribute certificate may have, in days.</summary>
    public int MaxValidityDays { get; set; } = 365;

    /// <summary>
    /// The entity type of a certificate holder in decision requests: a principal <c>Type::"serial"</c>
    /// (the holder certificate's lowercase hex serial) gets its attribute certificates' roles and
    /// department as parents and its clearance as the attribute <c>clearance</c> (0 unmarked … 5 topSecret).
    /// </summary>
    public string HolderEntityType { get; set; } = "Certificate";

    /// <summary>The entity type of roles from attribute certificates.</summary>
    public string RoleEntityType { get; set; } = "Role";

    /// <summary>The entity type of departments from attribute certificates.</summary>
    public string DepartmentEntityType { get; set; } = "Department";

    /// <summary>The policy OID of clearance attributes.</summary>
    public string ClearancePolicy { get; set; } = DocumentationClearancePolicy;
}
