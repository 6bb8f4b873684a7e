using Pki.Ca.Profiles;

namespace Pki.Ca.Tests.Escrow;

/// <summary>The encryption profile of dual pairs is checked at start: it exists and never signs.</summary>
public sealed class EscrowOptionsValidationTests
{
    [Fact]
    public void Validate_BuiltInEncryptionProfile_Passes() => new CaOptions().Validate();

    [Fact]
    public void Validate_EncryptionProfileThatSigns_RefusesToStart()
    {
        var options = new CaOptions();
        options.Registration.EncryptionProfile = "document-signing";

        var refused = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("must not sign", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfiguredEncryptionProfileWithDigitalSignatureInAnyCase_RefusesToStart()
    {
        var options = new CaOptions();
        options.Profiles["encryption"] = new ProfileOptions { KeyUsage = ["keyEncipherment", "DIGITALSIGNATURE"] };

        Assert.Throws<InvalidOperationException>(options.Validate);
    }

    [Fact]
    public void Validate_UnknownEncryptionProfile_RefusesToStart()
    {
        var options = new CaOptions();
        options.Registration.EncryptionProfile = "no-such-profile";

        var refused = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("'no-such-profile' is not a certificate profile", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyRecoveryLifetimeOutOfRange_RefusesToStart()
    {
        var options = new CaOptions();
        options.Registration.KeyRecoveryLifetime = TimeSpan.FromDays(31);

        Assert.Throws<InvalidOperationException>(options.Validate);
    }
}
