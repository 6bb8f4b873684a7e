using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Identity.Tests.Signing;

/// <summary>
/// Why <c>EdDSA</c> is refused: the libraries the provider is built on have no EdDSA. These
/// tests pin that down, so the refusal is revisited when a new version adds it.
/// </summary>
public sealed class EdDsaTests
{
    [Fact]
    public void IdentityModel_HasNoEdDsaAlgorithm()
    {
        Assert.DoesNotContain(typeof(SecurityAlgorithms).GetFields(), f => f.GetValue(null) is "EdDSA" or "Ed25519");
        Assert.False(CryptoProviderFactory.Default.IsSupportedAlgorithm("EdDSA"));
    }

    [Fact]
    public async Task OpenIddictJwks_SkipsAKeyThatSignsOnlyEdDsa()
    {
        var key = new EdDsaOnlyKey { KeyId = "ed25519" };
        var options = new OpenIddictServerOptions();
        options.SigningCredentials.Add(new SigningCredentials(key, "EdDSA"));

        Assert.Empty(await PublishedJwks.FromAsync(options));
    }

    /// <summary>A key claiming EdDSA alone, as an Ed25519 key from the store would have to.</summary>
    private sealed class EdDsaOnlyKey : AsymmetricSecurityKey
    {
        public EdDsaOnlyKey() => CryptoProviderFactory = new EdDsaOnlyFactory();

        [Obsolete("Required by the base class.")]
        public override bool HasPrivateKey => true;

        public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;

        public override int KeySize => 256;
    }

    private sealed class EdDsaOnlyFactory : CryptoProviderFactory
    {
        public override bool IsSupportedAlgorithm(string algorithm, SecurityKey key) => algorithm == "EdDSA";
    }
}
