using Platform.Certificates;
using Platform.Storage;

namespace Platform.Keys.Inventory;

/// <summary>
/// Reads the <c>"&lt;key id&gt; &lt;serial&gt;"</c> settings that modules keep for a key and its
/// certificate (<see cref="ModuleCredentials"/>, the CA's OCSP and HTTPS credentials) as key claims.
/// </summary>
public static class CredentialClaims
{
    /// <summary>Splits a saved credential setting; false when it is absent or not of that shape.</summary>
    public static bool TryParse(string? saved, out string keyId, out string serialNumber)
    {
        if (saved?.Split(' ') is [var key, var serial] && key.Length > 0)
        {
            (keyId, serialNumber) = (key, serial);
            return true;
        }

        (keyId, serialNumber) = ("", "");
        return false;
    }

    /// <summary>
    /// The claim a module credential setting makes, with its certificate from the platform CA; the
    /// certificate is shown by serial alone when the CA no longer holds it as current (expired,
    /// revoked). No claim when the setting is unset (the module has not started yet).
    /// </summary>
    public static async Task<IReadOnlyList<KeyClaim>> FromSettingAsync(
        ModuleSettings settings, string setting, string purpose, IPlatformCertificateIssuer issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(issuer);
        if (!TryParse(await settings.GetAsync(setting, cancellationToken), out var keyId, out var serial))
        {
            return [];
        }

        var certificate = await issuer.FindCurrentAsync(serial, cancellationToken) is { } current
            ? KeyCertificate.FromDer(current.Certificate)
            : KeyCertificate.Unavailable(serial);
        return [new KeyClaim(keyId, purpose, [certificate])];
    }
}
