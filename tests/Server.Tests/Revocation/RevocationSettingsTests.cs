using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>Revocation timings out of range stop the platform at start, with the setting named.</summary>
public sealed class RevocationSettingsTests
{
    [Theory]
    [InlineData("Pki:Revocation:SyncIntervalSeconds", "0")]
    [InlineData("Pki:Crl:CheckIntervalSeconds", "-1")]
    [InlineData("Pki:Crl:ValidityHours", "0")]
    [InlineData("Pki:Ocsp:ValidityMinutes", "0.5")]
    [InlineData("Pki:Ocsp:CacheSize", "0")]
    public async Task Start_SettingOutOfRange_RefusesToBoot(string setting, string value)
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await PlatformServer.StartAsync(data.Path, "--" + setting, value);
        });

        Assert.Contains(setting + " must be between", error.ToString(), StringComparison.Ordinal);
    }
}
