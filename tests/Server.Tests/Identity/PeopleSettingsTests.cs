using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Identity;

/// <summary>Bad settings of the directory refuse to start the platform, naming the setting.</summary>
public sealed class PeopleSettingsTests
{
    [Theory]
    [InlineData("--Identity:People:Passwords:MinLength", "0", "MinLength")]
    [InlineData("--Identity:People:Passwords:Iterations", "0", "Iterations")]
    [InlineData("--Identity:People:SignIn:MaxFailedAttempts", "0", "MaxFailedAttempts")]
    [InlineData("--Identity:People:Totp:Issuer", "a:b", "Issuer")]
    public async Task Start_BadSetting_Refused(string setting, string value, string named)
    {
        using var data = new TemporaryDirectory();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PlatformServer.StartAsync(data.Path, setting, value));

        Assert.Contains("Identity:People:", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
