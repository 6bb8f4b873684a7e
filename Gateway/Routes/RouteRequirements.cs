using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Routes;

/// <summary>
/// What a route requires of each request, from its <c>Metadata</c>: the credentials it accepts
/// (<c>Authentication</c>), the audience a bearer token must carry (<c>Audience</c>), and the Cedar
/// action and resource its requests map to (<c>Action</c>, <c>ResourceType</c>, <c>ResourceId</c>), and
/// its protection (<c>RateLimitPerClient</c>, <c>RateLimitPerRoute</c>, <c>MaxRequestBodyBytes</c>).
/// </summary>
internal sealed record RouteRequirements(EdgeCredentials Credentials, string? Audience, string Action, string ResourceType, ResourceIdTemplate? ResourceId)
{
    /// <summary>Requests one caller may send on this route (by token principal, certificate, or for anonymous routes client address).</summary>
    public RateLimit? PerClient { get; init; }

    /// <summary>Requests all callers together may send on this route.</summary>
    public RateLimit? PerRoute { get; init; }

    /// <summary>The largest request body the route forwards, in bytes; null: the platform's own limit.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    public const string AuthenticationKey = "Authentication";
    public const string AudienceKey = "Audience";
    public const string ActionKey = "Action";
    public const string ResourceTypeKey = "ResourceType";
    public const string ResourceIdKey = "ResourceId";
    public const string RateLimitPerClientKey = "RateLimitPerClient";
    public const string RateLimitPerRouteKey = "RateLimitPerRoute";
    public const string MaxRequestBodyBytesKey = "MaxRequestBodyBytes";

    private static readonly ConditionalWeakTable<RouteConfig, RouteRequirements> Read = [];

    /// <summary>Whether bearer tokens are accepted.</summary>
    public bool AcceptsBearer => Credentials is EdgeCredentials.Bearer or EdgeCredentials.BearerOrCertificate;

    /// <summary>Whether client certificates are accepted.</summary>
    public bool AcceptsCertificate => Credentials is EdgeCredentials.Certificate or EdgeCredentials.BearerOrCertificate;

    /// <summary>The requirements of a route the configuration filter has let through (so they read).</summary>
    public static RouteRequirements Of(RouteConfig route) => Read.GetValue(route, r => Parse(r).Requirements
        ?? throw new InvalidOperationException($"Gateway route '{r.RouteId}' was not checked when it was loaded."));

    /// <summary>The requirements of <paramref name="route"/>, or what is wrong with its metadata.</summary>
    public static (RouteRequirements? Requirements, string? Error) Parse(RouteConfig route)
    {
        var metadata = route.Metadata ?? new Dictionary<string, string>();
        string? Value(string key) => metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var (perClient, clientError) = RateLimit.Parse(RateLimitPerClientKey, Value(RateLimitPerClientKey));
        var (perRoute, routeError) = RateLimit.Parse(RateLimitPerRouteKey, Value(RateLimitPerRouteKey));
        long? maxBody = null;
        if (Value(MaxRequestBodyBytesKey) is { } bodyText)
        {
            if (!long.TryParse(bodyText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) || bytes > 1L << 40)
            {
                return (null, $"{MaxRequestBodyBytesKey} is a number of bytes (0 to 1 TiB), not '{bodyText}'.");
            }

            maxBody = bytes;
        }

        if ((clientError ?? routeError) is { } limitError)
        {
            return (null, limitError);
        }

        var (requirements, error) = ParseAccess(route, Value);
        return (requirements is null ? null : requirements with { PerClient = perClient, PerRoute = perRoute, MaxRequestBodyBytes = maxBody }, error);
    }

    private static (RouteRequirements? Requirements, string? Error) ParseAccess(RouteConfig route, Func<string, string?> value)
    {
        var credentials = EdgeCredentials.BearerOrCertificate;
        if (value(AuthenticationKey) is { } authentication && !Enum.TryParse(authentication, ignoreCase: false, out credentials))
        {
            return (null, $"Authentication is Bearer, Certificate, BearerOrCertificate or Anonymous, not '{authentication}'.");
        }

        if (credentials == EdgeCredentials.Anonymous)
        {
            return (new RouteRequirements(credentials, null, "", "", null), null);
        }

        var audience = value(AudienceKey);
        if (credentials != EdgeCredentials.Certificate && audience is null)
        {
            return (null, "a route that accepts bearer tokens names the Audience they must carry.");
        }

        if (value(ActionKey) is not { } action || value(ResourceTypeKey) is not { } resourceType || value(ResourceIdKey) is not { } resourceId)
        {
            return (null, "a route that is not Anonymous names the Action, ResourceType and ResourceId its requests are decided for.");
        }

        var (template, error) = ResourceIdTemplate.Parse(resourceId, route.Match.Path);
        return template is null ? (null, error) : (new RouteRequirements(credentials, audience, action, resourceType, template), null);
    }
}
