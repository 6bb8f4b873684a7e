namespace ApprovalsSample.Pages;

/// <summary>A message above the list, in an element with a stable id (<see cref="ElementId"/>) for people and tests alike.</summary>
internal sealed record Notice(string ElementId, string Text)
{
    public static Notice NotAllowedToApprove(string id) => new("not-allowed", $"You are not allowed to approve {id}. The platform did not allow it; nothing was changed.");

    public static Notice NotAllowedToRead() => new("not-allowed", "You are not allowed to see the approvals.");

    public static Notice NotPending(string id) => new("not-pending", $"{id} was approved already.");

    public static Notice Unknown(string id) => new("unknown", $"There is no approval {id}.");

    public static Notice ServiceFailed() => new("service-error", "The approvals service could not answer. Try again later.");

    public static Notice TokenRefused() => new("token-refused", "The gateway does not accept your sign-in for this application. Its administrator can check the application's registration.");

    public static Notice FormExpired() => new("form-expired", "The form had expired; nothing was changed. Please try again.");
}
