namespace Identity.Load;

/// <summary>One identity provider under load: how to reach it as the application, and how much CPU it has used.</summary>
internal sealed record Provider(string Name, CertificateClientFactory Clients, TokenCalls Calls, Func<TimeSpan> ProcessorTime)
{
    /// <summary>The token the introspection load asks about.</summary>
    public string IntrospectionToken { get; set; } = "";

    public List<PhaseResult> Tokens { get; } = [];

    public List<PhaseResult> Introspections { get; } = [];
}
