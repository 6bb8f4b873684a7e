using Audit.Export;
using Microsoft.Extensions.Configuration;

namespace Audit.Tests.Export;

public sealed class SyslogOptionsTests
{
    [Fact]
    public void Bind_FormatCanonical_ChoosesCanonicalBody()
    {
        var options = Bind(new() { ["Host"] = "collector.example", ["Format"] = "canonical" });

        Assert.Equal(SyslogFormat.Canonical, options.Format);
    }

    [Fact]
    public void Bind_NoFormat_DefaultsToEcs() => Assert.Equal(SyslogFormat.Ecs, Bind(new() { ["Host"] = "collector.example" }).Format);

    [Fact]
    public void Validate_ClientCertificateWithoutKey_Refuses()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var options = Bind(new() { ["Host"] = "collector.example", ["Tls"] = "true", ["ClientCertificateFile"] = certificate });

            var error = Assert.Throws<InvalidOperationException>(options.Validate);
            Assert.Contains("go together", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public void Validate_PlatformClientCertificateWithoutTls_Refuses()
    {
        var options = Bind(new() { ["Host"] = "collector.example", ["PlatformClientCertificate"] = "true" });

        Assert.Contains("Tls=true", Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }

    private static SyslogOptions Bind(Dictionary<string, string?> values)
    {
        var options = new SyslogOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
        return options;
    }
}
