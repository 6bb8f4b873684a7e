namespace Platform.Authorization;

/// <summary>
/// Cedar policies a module ships as the platform's starting point, such as the CA's registration
/// policy (who may request certificates for a department, who reviews). A module registers one
/// in its services; when the platform's policies have never been set, the authorization module
/// activates every module's defaults as the first version of the policy set, an ordinary version
/// administrators then read, edit and replace (<c>PUT /authz/policies</c>). Give each policy an
/// <c>@id</c>, so decisions name it.
/// </summary>
/// <param name="Module">The module shipping them, for the audit trail.</param>
/// <param name="Text">The policies, in Cedar syntax.</param>
public sealed record DefaultPolicies(string Module, string Text);
