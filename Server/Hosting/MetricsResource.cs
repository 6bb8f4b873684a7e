using System.Reflection;

namespace Server.Hosting;

/// <summary>
/// What the metrics say of the process that wrote them (OpenTelemetry resource attributes):
/// <c>service.name</c> <c>securityplatform</c>, <c>service.version</c> the build's informational
/// version, and a <c>service.instance.id</c> generated per process, which tells two nodes (or a
/// restarted node) apart where the scrape address alone would not.
/// </summary>
internal static class MetricsResource
{
    /// <summary>The service name every series is exported under.</summary>
    public const string ServiceName = "securityplatform";

    /// <summary>The build's version, without the source revision the SDK appends after '+'.</summary>
    public static string ServiceVersion { get; } =
        (typeof(MetricsResource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
