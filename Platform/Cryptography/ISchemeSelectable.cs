namespace Platform.Cryptography;

/// <summary>
/// A key that can also sign with another scheme of its algorithm: an RSA key signs with
/// PKCS#1 v1.5 by default, and some protocols (JWS <c>PS256</c>) need RSASSA-PSS from the same
/// stored key. The key stays where it is: the returned key signs through the same store.
/// </summary>
public interface ISchemeSelectable
{
    /// <summary>
    /// This key signing with <paramref name="scheme"/>; owned by the store like the key itself.
    /// Throws <see cref="ArgumentException"/> when the key's algorithm cannot sign with it.
    /// </summary>
    ISigningKey WithScheme(SignatureScheme scheme);
}
