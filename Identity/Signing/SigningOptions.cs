namespace Identity.Signing;

/// <summary>The token-signing settings, in section <c>Identity</c>.</summary>
public sealed class SigningOptions
{
    /// <summary>
    /// The JWS algorithm tokens are signed with: <c>ES256</c> (the default: small keys and
    /// signatures, supported by every OpenID Connect client library), <c>RS256</c> or <c>PS256</c>.
    /// <c>EdDSA</c> is refused at start: the OpenID Connect server cannot publish such a key.
    /// </summary>
    public string SigningAlgorithm { get; set; } = "ES256";

    /// <summary>The RSA modulus size for <c>RS256</c> and <c>PS256</c>: 2048 or 3072 (the default, NIST's choice beyond 2030).</summary>
    public int SigningRsaKeySize { get; set; } = 3072;

    /// <summary>
    /// How long, in hours, a new key is published in the JWKS before it signs. Clients cache the
    /// JWKS (Microsoft.IdentityModel refreshes every 12 hours, many libraries once a day), so the
    /// default of 48 hours lets every cache pick the key up before any token it signs arrives.
    /// </summary>
    public int SigningKeyActivationHours { get; set; } = 48;

    /// <summary>
    /// How often, in seconds, a running server reads the stored key ring, so a key made by
    /// <c>identity rotate-keys</c> while it runs (or by another node) is published without a
    /// restart: between 1 and 3600, or 0 to read it only at start.
    /// </summary>
    public int SigningKeyRefreshSeconds { get; set; } = 30;
}
