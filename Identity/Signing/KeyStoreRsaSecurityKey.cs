using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;

namespace Identity.Signing;

/// <summary>
/// An RSA key whose object holds only the public parameters (what the JWKS publishes) while the
/// private key stays in the key store, which signs through <see cref="KeyStoreCryptoProviderFactory"/>.
/// </summary>
internal sealed class KeyStoreRsaSecurityKey(RSAParameters publicParameters) : RsaSecurityKey(publicParameters)
{
    // The private key exists, in the store; saying otherwise would make OpenIddict refuse to sign with it.
    public override PrivateKeyStatus PrivateKeyStatus => PrivateKeyStatus.Exists;
}
