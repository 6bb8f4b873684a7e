using Platform.Cryptography;
using Platform.Keys;
using Platform.Storage;

namespace Platform.Certificates;

/// <summary>
/// A module's signing key with its certificate from the platform CA (the TSA, the attribute
/// authority): reused while the certificate is current, otherwise a new key is created and
/// certified, and both are remembered in the module's settings.
/// </summary>
public static class ModuleCredentials
{
    /// <summary>Loads the credential, or creates and certifies one; <c>Issued</c> says which.</summary>
    public static async Task<(ISigningKey Key, PlatformCertificate Certificate, bool Issued)> LoadOrIssueAsync(
        ModuleCredentialRequest request, ModuleSettings settings, IKeyStore keys, IPlatformCertificateIssuer issuer, CancellationToken cancellationToken)
    {
        if (await settings.GetAsync(request.Setting, cancellationToken) is { } saved && saved.Split(' ') is [var keyId, var serial]
            && await issuer.FindCurrentAsync(serial, cancellationToken) is { } current)
        {
            return (keys.Open(keyId), current, false);
        }

        if (!KeyAlgorithmNames.TryParse(request.KeyAlgorithm, out var algorithm))
        {
            throw new InvalidOperationException(
                $"{request.KeyAlgorithmSetting} '{request.KeyAlgorithm}' is not one of {string.Join(", ", KeyAlgorithmNames.All)}.");
        }

        var key = keys.Create(algorithm, request.KeyLabel);
        var certificate = await issuer.IssueAsync(request.Profile, request.Subject, key.SubjectPublicKeyInfo, cancellationToken);
        await settings.SetAsync(request.Setting, $"{key.Id} {certificate.SerialNumber}", cancellationToken);
        return (key, certificate, true);
    }
}
