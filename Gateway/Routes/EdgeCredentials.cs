namespace Gateway.Routes;

/// <summary>What a route accepts as proof of who is calling (its <c>Authentication</c> metadata).</summary>
internal enum EdgeCredentials
{
    /// <summary>An access token of the platform's identity provider, or else a client certificate of its CA (the default).</summary>
    BearerOrCertificate,

    /// <summary>An access token of the platform's identity provider only.</summary>
    Bearer,

    /// <summary>A client certificate of the platform's CA only.</summary>
    Certificate,

    /// <summary>Nobody is authenticated and nothing is decided: the request is forwarded as it came, less any identity headers.</summary>
    Anonymous,
}
