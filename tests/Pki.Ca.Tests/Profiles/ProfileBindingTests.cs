using Microsoft.Extensions.Configuration;
using Pki.Ca.Profiles;

namespace Pki.Ca.Tests.Profiles;

/// <summary>A list a profile configures is the whole list, not an addition to the defaults.</summary>
public sealed class ProfileBindingTests
{
    [Fact]
    public void Bind_ConfiguredKeyAlgorithms_ReplaceTheDefaultList()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pki:Profiles:gm-signing:AllowedKeyAlgorithms:0"] = "SM2",
        }).Build();
        var options = new CaOptions();
        configuration.GetSection(CaOptions.Section).Bind(options);

        Assert.Equal(["SM2"], options.Profiles["gm-signing"].AllowedKeyAlgorithms!);
        Assert.True(new ProfileCatalog(options).TryGet("gm-signing", out var profile));
        Assert.Equal([Platform.Cryptography.KeyAlgorithm.Sm2], profile.AllowedKeyAlgorithms);
    }
}
