using Platform.Keys.Pkcs11;

namespace Platform.Keys;

/// <summary>The <c>Platform:KeyStore</c> section: which store holds the keys the platform signs with.</summary>
public sealed class KeyStoreSettings
{
    /// <summary>The software provider's name: keys are files encrypted under the key-encryption key.</summary>
    public const string Software = "Software";

    /// <summary>The PKCS#11 provider's name: keys are generated in, and never leave, a token.</summary>
    public const string Pkcs11Provider = "Pkcs11";

    /// <summary><c>Software</c> (default) or <c>Pkcs11</c>.</summary>
    public string Provider { get; set; } = Software;

    /// <summary>The <c>Platform:KeyStore:Pkcs11</c> section, read when <see cref="Provider"/> is <c>Pkcs11</c>.</summary>
    public Pkcs11Settings Pkcs11 { get; set; } = new();
}
