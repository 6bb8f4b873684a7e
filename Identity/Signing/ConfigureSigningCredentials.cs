using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Identity.Signing;

/// <summary>
/// Gives OpenIddict the ring's published keys, the signing one first (OpenIddict signs with the
/// first credential, and its sort keeps the order of keys that are not X.509 certificates), and
/// the token-encryption key. Runs at each rebuild of the options, with the time of the rebuild.
/// </summary>
internal sealed class ConfigureSigningCredentials(
    SigningKeyRingState state, IOptions<SigningOptions> signing, IOptions<IdentityOptions> identity, TimeProvider time) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var ring = state.Ring;
        var encryption = state.Encryption;
        if (ring is null || encryption is null)
        {
            throw new InvalidOperationException("The identity token-signing keys are not loaded yet: the identity signing start-up task runs before the server is used.");
        }

        var timeline = SigningKeyTimeline.From(signing.Value, identity.Value);
        var published = ring.Published(time.GetUtcNow(), timeline.Retention);
        if (published.Count == 0 || ring.StatusOf(published[0], time.GetUtcNow(), timeline.Retention) != SigningKeyStatus.Current)
        {
            throw new InvalidOperationException("The identity key ring has no active token-signing key.");
        }

        foreach (var key in published)
        {
            options.SigningCredentials.Add(state.CredentialsOf(key));
        }

        options.EncryptionCredentials.Add(encryption);
    }
}
