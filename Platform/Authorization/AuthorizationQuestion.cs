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
/// <param name="ResourceAttributes">
/// Entity-valued attributes of the resource, such as a seal's <c>department</c>, so that a policy can
/// say <c>principal in resource.department</c>; sent as the resource's entity in the request.
/// </param>
public sealed record AuthorizationQuestion(
    AuthorizationPrincipal Principal,
    string Action,
    string ResourceType,
    string ResourceId,
    IReadOnlyDictionary<string, string>? Context = null,
    IReadOnlyDictionary<string, EntityReference>? ResourceAttributes = null)
{
    /// <summary>The request's <c>entities</c> in Cedar's entity JSON: the resource with its attributes, or none.</summary>
    public IReadOnlyList<object>? Entities() => ResourceAttributes is null
        ? null
        :
        [
            new
            {
                uid = new { type = ResourceType, id = ResourceId },
                attrs = ResourceAttributes.ToDictionary(a => a.Key, a => (object)new Dictionary<string, object> { ["__entity"] = new { type = a.Value.Type, id = a.Value.Id } }),
                parents = Array.Empty<object>(),
            },
        ];
}

/// <summary>A Cedar entity uid, <c><paramref name="Type"/>::"<paramref name="Id"/>"</c>.</summary>
public sealed record EntityReference(string Type, string Id);
