using Identity.Clients.Endpoints;

namespace Identity.Clients;

/// <summary>
/// An application the platform ships itself (its web console), registered by the identity module
/// at every start: created when absent, brought back to this registration when an administrator
/// or an earlier configuration left it different (new listener addresses give new redirect URIs).
/// Register one as a singleton; each change is audited with the system as actor, like a change
/// made through <c>POST /identity/clients</c>.
/// </summary>
/// <param name="Registration">The registration, validated as the administration API validates it.</param>
public sealed record BuiltInClient(RegisterClientRequest Registration);
