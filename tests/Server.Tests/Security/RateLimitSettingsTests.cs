using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Security;

/// <summary>A rate limit that cannot work stops the platform at start, with the section named.</summary>
public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("Platform:RateLimits:TokenLimit", "0")]
    [InlineData("Platform:RateLimits:TokensPerPeriod", "-1")]
    [InlineData("Platform:RateLimits:ReplenishmentPeriod", "00:00:00")]
    public async Task Start_LimitOutOfRange_RefusesToBoot(string setting, string value)
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await PlatformServer.StartAsync(data.Path, "--" + setting, value);
        });

        Assert.Contains("Platform:RateLimits:", error.Message, StringComparison.Ordinal);
    }
}
