namespace Platform.Authorization;

/// <summary>
/// May <paramref name="Principal"/> do <c>Action::"<paramref name="Action"/>"</c> on
/// <c><paramref name="ResourceType"/>::"<paramref name="ResourceId"/>"</c>?
/// </summary>
/// <param name="Principal">Who asks, as authenticated.</param>
/// <param name="Action">The id of the Cedar action (its type is <c>Action</c>).</param>
/// <param name="ResourceType">The Cedar entity type of the resource, e.g. <c>Approval</c>.</param>
/// <param name="ResourceId">The resource's id.</param>
/// <param name="Context">The Cedar context: a record of strings, or none.</param>
public sealed record AuthorizationQuestion(
    AuthorizationPrincipal Principal,
    string Action,
    string ResourceType,
    string ResourceId,
    IReadOnlyDictionary<string, string>? Context = null);
