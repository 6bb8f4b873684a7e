using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;

namespace Pki.Ca.Tests.Metrics;

/// <summary>A meter factory of its own per test, as the host's: collectors scoped to it see no other test's measurements.</summary>
internal static class TestMeters
{
    public static IMeterFactory Factory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
