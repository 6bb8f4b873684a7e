using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;

namespace Identity.Signing;

/// <summary>
/// An ECDSA key whose object holds only the public point (what the JWKS publishes) while the
/// private key stays in the key store, which signs through <see cref="KeyStoreCryptoProviderFactory"/>.
/// </summary>
internal sealed class KeyStoreECDsaSecurityKey(ECDsa publicKey) : ECDsaSecurityKey(publicKey)
{
    // The private key exists, in the store; saying otherwise would make OpenIddict refuse to sign with it.
    public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;
}
