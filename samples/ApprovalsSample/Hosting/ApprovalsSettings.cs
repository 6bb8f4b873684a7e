namespace ApprovalsSample.Hosting;

/// <summary>Section <c>Approvals</c>: where the gateway in front of this application's API is.</summary>
public sealed class ApprovalsSettings
{
    /// <summary>
    /// The gateway's base address, e.g. https://gateway.city.example/. The pages call the API only
    /// there, never directly, so every read and every approval is decided by the platform.
    /// </summary>
    public string GatewayUrl { get; set; } = "";

    /// <summary>The gateway's key set (<c>GET /gateway/keys</c>); by default under <see cref="GatewayUrl"/>.</summary>
    public string? GatewayKeysUrl { get; set; }

    /// <summary>The gateway's base address, ending in a slash so that relative paths stay under it.</summary>
    public Uri Gateway => new(GatewayUrl.EndsWith('/') ? GatewayUrl : GatewayUrl + "/");

    /// <summary>The address of the gateway's key set.</summary>
    public Uri GatewayKeys => GatewayKeysUrl is { Length: > 0 } keys ? new Uri(keys) : new Uri(Gateway, "gateway/keys");

    /// <summary>What is wrong with these settings; empty when nothing is.</summary>
    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("https" or "http"))
        {
            yield return "Approvals:GatewayUrl must be the gateway's absolute address, e.g. https://gateway.city.example/.";
        }

        if (GatewayKeysUrl is { Length: > 0 } keys && (!Uri.TryCreate(keys, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")))
        {
            yield return "Approvals:GatewayKeysUrl, when set, must be the absolute address of the gateway's key set.";
        }
    }
}
