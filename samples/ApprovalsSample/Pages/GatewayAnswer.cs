namespace ApprovalsSample.Pages;

/// <summary>The gateway's answer to one call: what it means, and the value when it is <see cref="GatewayStatus.Ok"/>.</summary>
internal sealed record GatewayAnswer<T>(GatewayStatus Status, T? Value)
    where T : class;
